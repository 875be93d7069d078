package mutual.store;

/**
 * Receives the sort key of one stored event, for set reconciliation (NIP-77) that needs only
 * (created_at, id) and must not pay for decoding JSON. The id array is scratch space, valid
 * only during the call.
 */
@FunctionalInterface
public interface KeyVisitor {
    /** @param kind the event kind, or -1 where the store answered without reading it */
    void visit(long createdAt, byte[] id, int kind);
}
