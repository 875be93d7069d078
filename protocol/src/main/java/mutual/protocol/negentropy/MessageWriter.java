package mutual.protocol.negentropy;

import java.util.Arrays;

/**
 * Builds one message incrementally. Timestamps are delta-encoded against the previous bound in
 * the same message, so the writer keeps that state; {@link #truncate(int)} lets the reconciler
 * drop a range that would break the frame size limit. It refuses to write what
 * {@link MessageReader} would refuse to read: bounds that descend, or a range after the one that
 * ends at infinity.
 */
final class MessageWriter {
    private byte[] buf = new byte[256];
    private int size;
    private long lastTimestamp;
    /** Where the bound of the range that ends at infinity begins, or -1 while there is none. */
    private int infinityAt = -1;

    MessageWriter(int version) {
        buf[size++] = (byte) version;
    }

    int size() {
        return size;
    }

    void truncate(int mark) {
        size = mark;
        if (infinityAt >= mark) infinityAt = -1;
    }

    /** Whether the last range written ends at infinity: the message is complete and nothing may follow. */
    boolean reachedInfinity() {
        return infinityAt >= 0;
    }

    /** The timestamp the next bound is delta-encoded against; give it back to {@link #truncate(int, long)}. */
    long lastTimestamp() {
        return lastTimestamp;
    }

    /** As {@link #truncate(int)}, for a writer that goes on with more bounds after {@code mark}. */
    void truncate(int mark, long lastTimestampAtMark) {
        truncate(mark);
        lastTimestamp = lastTimestampAtMark;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void bound(Bound b) {
        if (infinityAt >= 0) throw new IllegalStateException("a range after the infinity bound, which ends every message");
        if (b.isInfinity()) {
            infinityAt = size;
            varint(0);
            lastTimestamp = Bound.INFINITY_TIMESTAMP;
        } else {
            if (Long.compareUnsigned(b.timestamp(), lastTimestamp) < 0) {
                throw new IllegalStateException("bounds must ascend: " + Long.toUnsignedString(b.timestamp())
                        + " after " + Long.toUnsignedString(lastTimestamp));
            }
            varint(b.timestamp() - lastTimestamp + 1);
            lastTimestamp = b.timestamp();
        }
        byte[] p = b.prefixRaw();
        varint(p.length);
        bytes(p, 0, p.length);
    }

    void mode(int code) {
        varint(code);
    }

    void varint(long v) {
        ensure(Varint.MAX_BYTES);
        size = Varint.write(v, buf, size);
    }

    void bytes(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, buf, size, length);
        size += length;
    }

    /** Appends the ids of items [begin, end) straight from the storage. */
    void ids(NegentropyStorage storage, int begin, int end) {
        ensure(32 * (end - begin));
        storage.forEach(begin, end, (i, ts, id) -> {
            System.arraycopy(id, 0, buf, size, 32);
            size += 32;
        });
    }

    void range(Range r) {
        bound(r.upper());
        mode(r.mode().code());
        switch (r.mode()) {
            case RangeMode.Skip s -> { }
            case RangeMode.FingerprintOf f -> bytes(f.fingerprint().raw(), 0, Fingerprint.SIZE);
            case RangeMode.IdList l -> {
                varint(l.ids().size());
                for (var id : l.ids()) bytes(id.raw(), 0, 32);
            }
        }
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
}
