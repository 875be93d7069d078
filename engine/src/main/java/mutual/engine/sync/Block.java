package mutual.engine.sync;

import java.util.Arrays;
import mutual.protocol.negentropy.IdSum;

/**
 * Up to {@link #CAPACITY} items of the {@link SyncIndex}, sorted by (created_at unsigned, id),
 * with the running {@link IdSum} of their ids, so a fingerprint over a whole block costs one
 * addition. Insert and remove shift at most one block: O(block) whatever the index size.
 * Not thread-safe; the index guards it.
 */
final class Block {
    static final int CAPACITY = 1024;

    final long[] ts = new long[CAPACITY];
    final byte[] ids = new byte[32 * CAPACITY];
    final IdSum sum = IdSum.zero();
    int n;

    /** Negentropy order of item {@code i} against (t, id at off). */
    int compare(int i, long t, byte[] id, int off) {
        int c = Long.compareUnsigned(ts[i], t);
        return c != 0 ? c : Arrays.compareUnsigned(ids, 32 * i, 32 * i + 32, id, off, off + 32);
    }

    /** The first index whose item is not below (t, id). */
    int lowerBound(long t, byte[] id) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(mid, t, id, 0) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    boolean isFull() {
        return n == CAPACITY;
    }

    /** Inserts at {@code at} (which must keep the order); the block must not be full. */
    void insertAt(int at, long t, byte[] id) {
        System.arraycopy(ts, at, ts, at + 1, n - at);
        System.arraycopy(ids, 32 * at, ids, 32 * at + 32, 32 * (n - at));
        ts[at] = t;
        System.arraycopy(id, 0, ids, 32 * at, 32);
        sum.add(id, 0);
        n++;
    }

    void removeAt(int at) {
        sum.subtract(ids, 32 * at);
        System.arraycopy(ts, at + 1, ts, at, n - at - 1);
        System.arraycopy(ids, 32 * at + 32, ids, 32 * at, 32 * (n - at - 1));
        n--;
    }

    /** Moves the upper half of this block into a new one, returned. */
    Block splitUpperHalf() {
        Block upper = new Block();
        int keep = n / 2, move = n - keep;
        System.arraycopy(ts, keep, upper.ts, 0, move);
        System.arraycopy(ids, 32 * keep, upper.ids, 0, 32 * move);
        upper.n = move;
        for (int i = 0; i < move; i++) {
            upper.sum.add(upper.ids, 32 * i);
            sum.subtract(upper.ids, 32 * i);
        }
        n = keep;
        return upper;
    }
}
