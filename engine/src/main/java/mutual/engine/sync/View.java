package mutual.engine.sync;

import java.util.Arrays;
import java.util.List;
import mutual.protocol.negentropy.Bound;
import mutual.protocol.negentropy.Fingerprint;
import mutual.protocol.negentropy.IdSum;
import mutual.protocol.negentropy.NegentropyStorage;

/**
 * The {@link SyncIndex} as a {@link NegentropyStorage}, valid only while the index's read lock
 * is held (inside {@link SyncIndex#read}). Positions map to blocks through the block start
 * table; fingerprints add whole-block sums and touch ids only in the two partial blocks.
 */
final class View implements NegentropyStorage {
    private final List<Block> blocks;
    private final int[] starts;

    View(SyncIndex index) {
        this.blocks = index.blocks();
        this.starts = index.starts();
    }

    @Override
    public int size() {
        return starts[blocks.size()];
    }

    /** The block holding global index {@code i} (0 <= i < size). */
    private int blockOf(int i) {
        int k = Arrays.binarySearch(starts, 0, blocks.size(), i);
        if (k < 0) return -k - 2;
        while (k + 1 < blocks.size() && starts[k + 1] == i) k++; // skip empty blocks
        return k;
    }

    @Override
    public long timestamp(int index) {
        int k = blockOf(check(index));
        return blocks.get(k).ts[index - starts[k]];
    }

    @Override
    public void copyId(int index, byte[] dst, int offset) {
        int k = blockOf(check(index));
        System.arraycopy(blocks.get(k).ids, 32 * (index - starts[k]), dst, offset, 32);
    }

    @Override
    public void forEach(int begin, int end, ItemVisitor visitor) {
        checkRange(begin, end);
        if (begin == end) return;
        byte[] id = new byte[32];
        for (int k = blockOf(begin), i = begin; i < end; k++) {
            Block b = blocks.get(k);
            for (int j = i - starts[k]; j < b.n && i < end; j++, i++) {
                System.arraycopy(b.ids, 32 * j, id, 0, 32);
                visitor.visit(i, b.ts[j], id);
            }
        }
    }

    @Override
    public int findLowerBound(int begin, int end, Bound bound) {
        checkRange(begin, end);
        byte[] prefix = Arrays.copyOf(bound.idPrefix(), 32); // zero-padded, as the protocol reads it
        long t = bound.timestamp();
        int lo = begin, hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int k = blockOf(mid);
            if (blocks.get(k).compare(mid - starts[k], t, prefix, 0) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    @Override
    public Fingerprint fingerprint(int begin, int end) {
        checkRange(begin, end);
        IdSum sum = IdSum.zero();
        if (begin < end) {
            for (int k = blockOf(begin); k < blocks.size() && starts[k] < end; k++) {
                Block b = blocks.get(k);
                int from = Math.max(begin - starts[k], 0), to = Math.min(end - starts[k], b.n);
                if (to - from > b.n / 2) {
                    sum.add(b.sum);
                    for (int j = 0; j < from; j++) sum.subtract(b.ids, 32 * j);
                    for (int j = to; j < b.n; j++) sum.subtract(b.ids, 32 * j);
                } else {
                    for (int j = from; j < to; j++) sum.add(b.ids, 32 * j);
                }
            }
        }
        return sum.fingerprint(end - begin);
    }

    private int check(int index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException(index);
        return index;
    }

    private void checkRange(int begin, int end) {
        if (begin < 0 || begin > end || end > size()) throw new IndexOutOfBoundsException("[" + begin + ", " + end + ") of " + size());
    }
}
