package mutual.protocol.crypto;

import java.util.Arrays;

/** Shared behaviour of the fixed-size byte values (ids, keys, signatures): equality, ordering, hex. */
public abstract class FixedBytes implements Comparable<FixedBytes> {
    private final byte[] bytes;
    private final int hash;

    protected FixedBytes(byte[] bytes, int size) {
        if (bytes.length != size) throw new IllegalArgumentException("expected " + size + " bytes, got " + bytes.length);
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes themselves, for callers in this module that promise not to modify them. */
    public byte[] raw() {
        return bytes;
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public int compareTo(FixedBytes o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
