package mutual.protocol.crypto;

/**
 * HKDF with SHA-256 (RFC 5869), split into its two steps because NIP-44 uses them separately:
 * extract for the conversation key, expand for the per-message keys. Written over {@link HmacSha256}
 * because Java 21 has no KDF API.
 */
public final class Hkdf {
    /** RFC 5869 allows at most 255 blocks of output. */
    public static final int MAX_LENGTH = 255 * HmacSha256.LENGTH;

    private Hkdf() {}

    /** The pseudorandom key {@code HMAC(salt, ikm)}; an empty salt means 32 zero bytes, as the RFC says. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        return HmacSha256.mac(salt.length == 0 ? new byte[HmacSha256.LENGTH] : salt, ikm);
    }

    /** {@code length} bytes of output keying material from a pseudorandom key and context {@code info}. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH)
            throw new IllegalArgumentException("HKDF-SHA256 output must be between 0 and " + MAX_LENGTH + " bytes, not " + length);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            block = HmacSha256.mac(prk, block, info, new byte[] {(byte) i});
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** Extract then expand. */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }
}
