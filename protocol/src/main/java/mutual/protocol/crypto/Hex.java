package mutual.protocol.crypto;

import java.util.Optional;

/** Lowercase hexadecimal, the only form NIP-01 allows for ids, keys and signatures. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 16; i++) VALUES[DIGITS[i]] = (byte) i;
    }

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes lowercase hex of exactly {@code length} bytes; uppercase, odd length or other characters give empty. */
    public static Optional<byte[]> decode(CharSequence text, int length) {
        if (text.length() != length * 2) return Optional.empty();
        return decodeAny(text);
    }

    /** Decodes lowercase hex of any even length. */
    public static Optional<byte[]> decodeAny(CharSequence text) {
        int n = text.length();
        if ((n & 1) != 0) return Optional.empty();
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = value(text.charAt(i)), lo = value(text.charAt(i + 1));
            if ((hi | lo) < 0) return Optional.empty();
            out[i / 2] = (byte) ((hi << 4) | lo);
        }
        return Optional.of(out);
    }

    /** Decodes hex that the caller guarantees is valid (test data, constants); throws otherwise. */
    public static byte[] parse(CharSequence text) {
        return decodeAny(text.toString().toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("not hex: " + text));
    }

    public static boolean isLowerHex(CharSequence text, int length) {
        if (text.length() != length * 2) return false;
        for (int i = 0; i < text.length(); i++) if (value(text.charAt(i)) < 0) return false;
        return true;
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
