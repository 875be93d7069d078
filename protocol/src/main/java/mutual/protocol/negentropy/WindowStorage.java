package mutual.protocol.negentropy;

/** A contiguous slice of another storage, reusing its search and its fingerprint cache. */
final class WindowStorage implements NegentropyStorage {
    private final NegentropyStorage base;
    private final int offset;
    private final int size;

    WindowStorage(NegentropyStorage base, int begin, int end) {
        this.base = base;
        this.offset = begin;
        this.size = end - begin;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long timestamp(int index) {
        return base.timestamp(offset + check(index));
    }

    @Override
    public void copyId(int index, byte[] dst, int off) {
        base.copyId(offset + check(index), dst, off);
    }

    @Override
    public int findLowerBound(int begin, int end, Bound bound) {
        checkRange(begin, end);
        return base.findLowerBound(offset + begin, offset + end, bound) - offset;
    }

    @Override
    public Fingerprint fingerprint(int begin, int end) {
        checkRange(begin, end);
        return base.fingerprint(offset + begin, offset + end);
    }

    private int check(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
        return index;
    }

    private void checkRange(int begin, int end) {
        if (begin < 0 || begin > end || end > size) throw new IndexOutOfBoundsException("[" + begin + ", " + end + ") of " + size);
    }
}
