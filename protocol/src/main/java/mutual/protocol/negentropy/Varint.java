package mutual.protocol.negentropy;

/**
 * Negentropy varints: unsigned base-128, most significant digit first, high bit set on every
 * byte but the last (protocol v1, "Varint"). Note this is the opposite digit order to LEB128.
 */
final class Varint {
    /** 64 bits need at most 10 seven-bit digits. */
    static final int MAX_BYTES = 10;

    private Varint() {}

    /** The number of bytes {@code value} (unsigned) takes. */
    static int size(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) n++;
        return n;
    }

    /** Writes {@code value} (unsigned) into {@code out} at {@code pos}; returns the new position. */
    static int write(long value, byte[] out, int pos) {
        int n = size(value);
        for (int i = n - 1; i >= 0; i--) {
            out[pos + i] = (byte) ((value & 0x7f) | (i == n - 1 ? 0 : 0x80));
            value >>>= 7;
        }
        return pos + n;
    }

    static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }
}
