package mutual.protocol.negentropy;

import mutual.protocol.event.EventId;

/**
 * The item set one side reconciles, seen as a sequence sorted by (timestamp, id) and addressed
 * by index. The reconciler only reads it, so one sealed storage can serve any number of sessions
 * at once, and a store can implement it over its own (timestamp, id) index instead of copying.
 *
 * <p>What an implementation must make cheap: {@link #findLowerBound} (a binary search) and
 * {@link #fingerprint} over large ranges (see {@link VectorStorage} for block sums; a B-tree
 * keeps an item count and an {@link IdSum} per node, so both cost O(log n)).
 */
public interface NegentropyStorage {
    int size();

    /** The timestamp of item {@code index} (unsigned). */
    long timestamp(int index);

    /** Copies the 32-byte id of item {@code index} to {@code dst} at {@code offset}. */
    void copyId(int index, byte[] dst, int offset);

    default EventId id(int index) {
        byte[] b = new byte[32];
        copyId(index, b, 0);
        return EventId.of(b);
    }

    default Item item(int index) {
        return new Item(timestamp(index), id(index));
    }

    /**
     * Visits items [begin, end) in order. The id array is scratch space, valid only during the
     * call. A store should override this to walk its leaves instead of seeking once per index.
     */
    default void forEach(int begin, int end, ItemVisitor visitor) {
        byte[] id = new byte[32];
        for (int i = begin; i < end; i++) {
            copyId(i, id, 0);
            visitor.visit(i, timestamp(i), id);
        }
    }

    /** Receives one item from {@link #forEach}. */
    @FunctionalInterface
    interface ItemVisitor {
        void visit(int index, long timestamp, byte[] id);
    }

    /** The first index in [begin, end) whose item is not below {@code bound}, or {@code end}. */
    int findLowerBound(int begin, int end, Bound bound);

    /** The fingerprint of items [begin, end). */
    Fingerprint fingerprint(int begin, int end);

    /**
     * The items in [lower, upper) as a storage of their own, without copying: how a NIP-77
     * {@code since}/{@code until} filter is served from one store-wide index.
     */
    default NegentropyStorage window(Bound lower, Bound upper) {
        int begin = findLowerBound(0, size(), lower);
        int end = Math.max(begin, findLowerBound(begin, size(), upper));
        return new WindowStorage(this, begin, end);
    }
}
