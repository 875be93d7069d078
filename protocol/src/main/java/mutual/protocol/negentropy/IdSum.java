package mutual.protocol.negentropy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import mutual.protocol.event.EventId;

/**
 * The running sum of ids modulo 2^256, each id read as a 32-byte little-endian number: the
 * incremental part of a negentropy fingerprint. Because the sum is a group operation, a store
 * can cache sums of blocks and combine them ({@link #add(IdSum)}, {@link #subtract(IdSum)}).
 * Mutable and not thread-safe; {@link #toBytes()} / {@link #fromBytes(byte[])} persist it.
 */
public final class IdSum {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Eight 32-bit digits, each kept in a long without carrying, so adding is eight plain
     * additions; carries are settled in {@link #normalize()}. A lane moves by less than 2^32
     * per id, so 2^31 additions cannot overflow it.
     */
    private final long[] lanes = new long[8];
    private long pending;

    private IdSum() {}

    public static IdSum zero() {
        return new IdSum();
    }

    /** Reads a sum written by {@link #toBytes()}. */
    public static IdSum fromBytes(byte[] littleEndian32) {
        if (littleEndian32.length != 32) throw new IllegalArgumentException("an id sum is 32 bytes, got " + littleEndian32.length);
        IdSum s = new IdSum();
        s.add(littleEndian32, 0);
        return s;
    }

    public IdSum copy() {
        IdSum s = new IdSum();
        System.arraycopy(lanes, 0, s.lanes, 0, 8);
        s.pending = pending;
        return s;
    }

    public IdSum add(EventId id) {
        return add(id.raw(), 0);
    }

    /** Adds the 32-byte id at {@code offset} in {@code ids}. */
    public IdSum add(byte[] ids, int offset) {
        for (int j = 0; j < 8; j++) lanes[j] += (int) INT_LE.get(ids, offset + 4 * j) & 0xffffffffL;
        countAdd();
        return this;
    }

    /** Subtracts the 32-byte id at {@code offset} in {@code ids}. */
    public IdSum subtract(byte[] ids, int offset) {
        for (int j = 0; j < 8; j++) lanes[j] -= (int) INT_LE.get(ids, offset + 4 * j) & 0xffffffffL;
        countAdd();
        return this;
    }

    public IdSum add(IdSum other) {
        other.normalize();
        for (int j = 0; j < 8; j++) lanes[j] += other.lanes[j];
        countAdd();
        return this;
    }

    public IdSum subtract(IdSum other) {
        other.normalize();
        for (int j = 0; j < 8; j++) lanes[j] -= other.lanes[j];
        countAdd();
        return this;
    }

    private void countAdd() {
        if (++pending == Integer.MAX_VALUE) normalize();
    }

    /** Settles carries so every lane holds one 32-bit digit; the carry out of the top lane is the modulus. */
    private void normalize() {
        long carry = 0;
        for (int j = 0; j < 8; j++) {
            long v = lanes[j] + carry;
            lanes[j] = v & 0xffffffffL;
            carry = v >> 32; // arithmetic: a negative lane borrows from the next
        }
        pending = 0;
    }

    /** The sum as 32 little-endian bytes. */
    public byte[] toBytes() {
        normalize();
        byte[] out = new byte[32];
        for (int j = 0; j < 8; j++) INT_LE.set(out, 4 * j, (int) lanes[j]);
        return out;
    }

    /** The fingerprint of a range whose ids sum to this and that holds {@code count} items. */
    public Fingerprint fingerprint(long count) {
        return Fingerprint.of(this, count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdSum s && java.util.Arrays.equals(toBytes(), s.toBytes());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toBytes());
    }
}
