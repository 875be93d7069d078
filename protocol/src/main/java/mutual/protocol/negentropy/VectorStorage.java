package mutual.protocol.negentropy;

import java.util.Arrays;
import java.util.Comparator;
import mutual.protocol.event.EventId;

/**
 * An in-memory, sealed (immutable) item set: timestamps and ids in flat arrays sorted by
 * (timestamp, id), plus the {@link IdSum} of every prefix ending on a block boundary (every
 * 1024 items). A fingerprint of [begin, end) is then prefix(end) − prefix(begin), each prefix
 * one cached block sum corrected by at most half a block of ids, so it costs O(block) instead
 * of O(end − begin): a whole-set fingerprint of a million items adds ~1,000 ids, not 10^6.
 *
 * <p>A store-backed storage needs the same three things from its own index: positional access
 * (an order-statistic B-tree over (created_at, id) with an item count per node), a lower-bound
 * search by (timestamp, id prefix), and a cached {@link IdSum} per node or block kept up to date
 * on insert and delete (sums subtract, so deletes are cheap). Then fingerprint(begin, end) is a
 * walk down the tree combining O(log n) node sums, and no session ever copies or sorts the set.
 */
public final class VectorStorage implements NegentropyStorage {
    static final int DEFAULT_BLOCK = 1024;

    private final long[] timestamps;
    private final byte[] ids;
    private final int size;
    private final int block;
    /** blockSums[k] = sum of ids [0, min(k * block, size)). */
    private final IdSum[] blockSums;

    private VectorStorage(long[] timestamps, byte[] ids, int size, int block) {
        this.timestamps = timestamps;
        this.ids = ids;
        this.size = size;
        this.block = block;
        int blocks = (size + block - 1) / block;
        blockSums = new IdSum[blocks + 1];
        IdSum running = IdSum.zero();
        blockSums[0] = running.copy();
        for (int k = 1; k <= blocks; k++) {
            for (int i = (k - 1) * block, e = Math.min(k * block, size); i < e; i++) running.add(ids, 32 * i);
            blockSums[k] = running.copy();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static VectorStorage of(Iterable<Item> items) {
        return builder().addAll(items).seal();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long timestamp(int index) {
        return timestamps[check(index)];
    }

    @Override
    public void copyId(int index, byte[] dst, int offset) {
        System.arraycopy(ids, 32 * check(index), dst, offset, 32);
    }

    @Override
    public int findLowerBound(int begin, int end, Bound bound) {
        checkRange(begin, end);
        int lo = begin, hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bound.compareItem(timestamps[mid], ids, 32 * mid) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    @Override
    public Fingerprint fingerprint(int begin, int end) {
        checkRange(begin, end);
        IdSum sum;
        if (end - begin <= block) {
            sum = IdSum.zero();
            for (int i = begin; i < end; i++) sum.add(ids, 32 * i);
        } else {
            sum = prefix(end).subtract(prefix(begin));
        }
        return sum.fingerprint(end - begin);
    }

    /** Sum of ids [0, i), from the nearer cached block boundary. */
    private IdSum prefix(int i) {
        int k = i / block, lo = k * block, hi = Math.min(lo + block, size);
        if (i - lo <= hi - i) {
            IdSum s = blockSums[k].copy();
            for (int j = lo; j < i; j++) s.add(ids, 32 * j);
            return s;
        }
        IdSum s = blockSums[k + 1].copy();
        for (int j = i; j < hi; j++) s.subtract(ids, 32 * j);
        return s;
    }

    private int check(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
        return index;
    }

    private void checkRange(int begin, int end) {
        if (begin < 0 || begin > end || end > size) throw new IndexOutOfBoundsException("[" + begin + ", " + end + ") of " + size);
    }

    /** Collects items in any order; {@link #seal()} sorts them once. */
    public static final class Builder {
        private long[] ts = new long[16];
        private byte[] idBytes = new byte[16 * 32];
        private int n;
        private int block = DEFAULT_BLOCK;

        private Builder() {}

        public Builder addAll(Iterable<Item> items) {
            for (Item it : items) add(it);
            return this;
        }

        public Builder add(Item item) {
            return add(item.timestamp(), item.id());
        }

        public Builder add(long timestamp, EventId id) {
            if (timestamp == Bound.INFINITY_TIMESTAMP) throw new IllegalArgumentException("timestamp 2^64-1 is reserved for infinity");
            if (n == ts.length) {
                if (n > (Integer.MAX_VALUE - 64) / 32 / 2) throw new IllegalStateException("too many items for an in-memory storage");
                ts = Arrays.copyOf(ts, n * 2);
                idBytes = Arrays.copyOf(idBytes, n * 64);
            }
            ts[n] = timestamp;
            System.arraycopy(id.raw(), 0, idBytes, 32 * n, 32);
            n++;
            return this;
        }

        /** Items per cached block sum; small values let tests reach every code path. */
        Builder blockSize(int items) {
            if (items < 1) throw new IllegalArgumentException("block size must be positive");
            this.block = items;
            return this;
        }

        /** Sorts (cheap when the input is already in order) and rejects repeated items. */
        public VectorStorage seal() {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Comparator<Integer> cmp = (a, b) -> {
                int c = Long.compareUnsigned(ts[a], ts[b]);
                return c != 0 ? c : Arrays.compareUnsigned(idBytes, 32 * a, 32 * a + 32, idBytes, 32 * b, 32 * b + 32);
            };
            Arrays.sort(order, cmp);
            long[] sortedTs = new long[n];
            byte[] sortedIds = new byte[32 * n];
            for (int i = 0; i < n; i++) {
                int from = order[i];
                if (i > 0 && cmp.compare(order[i - 1], from) == 0) {
                    throw new IllegalArgumentException("item added twice: " + Long.toUnsignedString(ts[from]) + ","
                            + mutual.protocol.crypto.Hex.encode(Arrays.copyOfRange(idBytes, 32 * from, 32 * from + 32)));
                }
                sortedTs[i] = ts[from];
                System.arraycopy(idBytes, 32 * from, sortedIds, 32 * i, 32);
            }
            return new VectorStorage(sortedTs, sortedIds, n, block);
        }
    }
}
