package mutual.protocol.negentropy;

import java.util.Arrays;
import mutual.protocol.crypto.Hex;

/**
 * A point in the (timestamp, id) order that separates two ranges: a timestamp and an id prefix
 * of 0 to 32 bytes, the rest implicitly zero (protocol v1, "Bound"). The largest unsigned
 * 64-bit timestamp is "infinity", the end of every message's last range.
 */
public final class Bound {
    /** The reserved infinity timestamp, 2^64 − 1 (as an unsigned long). */
    public static final long INFINITY_TIMESTAMP = -1L;
    public static final int MAX_PREFIX = 32;
    private static final byte[] EMPTY = new byte[0];
    private static final Bound ZERO = new Bound(0, EMPTY);
    private static final Bound INFINITY = new Bound(INFINITY_TIMESTAMP, EMPTY);

    private final long timestamp;
    private final byte[] prefix;

    private Bound(long timestamp, byte[] prefix) {
        this.timestamp = timestamp;
        this.prefix = prefix;
    }

    /** A bound at {@code timestamp} (unsigned) with the given id prefix (copied; at most 32 bytes). */
    public static Bound of(long timestamp, byte[] idPrefix) {
        if (idPrefix.length > MAX_PREFIX) throw new IllegalArgumentException("id prefix longer than 32 bytes: " + idPrefix.length);
        return new Bound(timestamp, idPrefix.clone());
    }

    /** The lower bound of the first range: timestamp 0, empty prefix. */
    public static Bound zero() {
        return ZERO;
    }

    public static Bound infinity() {
        return INFINITY;
    }

    /** Wraps an array this package owns and will not modify. */
    static Bound wrap(long timestamp, byte[] prefix) {
        return new Bound(timestamp, prefix);
    }

    /**
     * The shortest bound that sorts after item {@code prev} and at or before item {@code next}
     * (which must sort after {@code prev}): an empty prefix when the timestamps differ, else the
     * common id prefix plus one byte.
     */
    static Bound between(long prevTs, byte[] prevId, long nextTs, byte[] nextId) {
        if (prevTs != nextTs) return new Bound(nextTs, EMPTY);
        int common = Arrays.mismatch(prevId, nextId);
        if (common < 0) throw new IllegalStateException("two items with the same timestamp and id");
        return new Bound(nextTs, Arrays.copyOf(nextId, common + 1));
    }

    public long timestamp() {
        return timestamp;
    }

    public boolean isInfinity() {
        return timestamp == INFINITY_TIMESTAMP;
    }

    /** A copy of the id prefix. */
    public byte[] idPrefix() {
        return prefix.clone();
    }

    public int prefixLength() {
        return prefix.length;
    }

    byte[] prefixRaw() {
        return prefix;
    }

    /**
     * Compares an item to this bound: negative when the item sorts before it (is in a range this
     * bound closes), else zero or positive. Ids compare bytewise unsigned; the prefix is zero-padded.
     */
    int compareItem(long itemTs, byte[] ids, int idOffset) {
        if (itemTs != timestamp) return Long.compareUnsigned(itemTs, timestamp);
        for (int i = 0; i < 32; i++) {
            int a = ids[idOffset + i] & 0xff;
            int b = i < prefix.length ? prefix[i] & 0xff : 0;
            if (a != b) return a - b;
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bound b && b.timestamp == timestamp && Arrays.equals(b.prefix, prefix);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp) * 31 + Arrays.hashCode(prefix);
    }

    @Override
    public String toString() {
        return (isInfinity() ? "infinity" : Long.toUnsignedString(timestamp)) + (prefix.length == 0 ? "" : "/" + Hex.encode(prefix));
    }
}
