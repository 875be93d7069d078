package mutual.store;

/**
 * What the store did with one event of a batch. The relay turns this into an {@code OK} reply.
 */
public sealed interface WriteOutcome {
    /** Whether the event is now stored (and durable once {@code write} returns). */
    default boolean stored() {
        return this instanceof Stored;
    }

    /** Newly stored. {@code replaced} counts older versions it replaced (replaceable, addressable). */
    record Stored(int replaced) implements WriteOutcome {}

    /** The same id is already stored. */
    record Duplicate() implements WriteOutcome {}

    /** A newer version of this replaceable or addressable event is already stored. */
    record Superseded() implements WriteOutcome {}

    /**
     * A NIP-09 deletion or NIP-62 vanish request from the author already covers this event.
     * {@code reason} starts with {@code "deleted: "}.
     */
    record Deleted(String reason) implements WriteOutcome {}

    /** An ephemeral kind (20000-29999): never stored, only passed to live subscribers. */
    record Ephemeral() implements WriteOutcome {}
}
