package mutual.protocol.nip44;

/**
 * NIP-44 v2 padding: a big-endian u16 length, the plaintext, then zeros up to a size from
 * {@link #paddedLength}, so that ciphertexts reveal only a coarse length bucket.
 */
final class Padding {
    private Padding() {}

    /** {@code calc_padded_len}: 32 up to 32 bytes, then steps of 32 up to 256 and of an eighth of the next power of two above. */
    static long paddedLength(long unpadded) {
        if (unpadded < 1) throw new Nip44Exception("plaintext must be at least 1 byte");
        if (unpadded <= 32) return 32;
        long nextPower = Long.highestOneBit(unpadded - 1) << 1;
        long chunk = nextPower <= 256 ? 32 : nextPower / 8;
        return chunk * ((unpadded - 1) / chunk + 1);
    }

    static byte[] pad(byte[] plaintext) {
        int n = plaintext.length;
        if (n < Nip44.MIN_PLAINTEXT || n > Nip44.MAX_PLAINTEXT)
            throw new Nip44Exception("plaintext must be between " + Nip44.MIN_PLAINTEXT + " and " + Nip44.MAX_PLAINTEXT + " bytes, not " + n);
        byte[] out = new byte[2 + (int) paddedLength(n)];
        out[0] = (byte) (n >>> 8);
        out[1] = (byte) n;
        System.arraycopy(plaintext, 0, out, 2, n);
        return out;
    }

    /**
     * Reverses {@link #pad}, checking every field before slicing: a buffer shorter than its own
     * prefix or a declared length that disagrees with the buffer is an error, never an index
     * exception (the bug class of RUSTSEC-2026-0216).
     */
    static byte[] unpad(byte[] padded) {
        if (padded.length < 2) throw new Nip44Exception("invalid padding: " + padded.length + " bytes is shorter than the length prefix");
        int n = (padded[0] & 0xff) << 8 | (padded[1] & 0xff);
        if (n == 0) throw new Nip44Exception("invalid padding: declared length 0 (the extended prefix for plaintexts over "
                + Nip44.MAX_PLAINTEXT + " bytes is not supported)");
        if (2 + n > padded.length) throw new Nip44Exception("invalid padding: declared length " + n + " exceeds the " + (padded.length - 2) + " bytes present");
        if (padded.length != 2 + paddedLength(n)) throw new Nip44Exception("invalid padding: " + (padded.length - 2) + " padded bytes do not fit declared length " + n);
        byte[] out = new byte[n];
        System.arraycopy(padded, 2, out, 0, n);
        return out;
    }
}
