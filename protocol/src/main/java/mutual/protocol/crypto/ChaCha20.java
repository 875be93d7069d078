package mutual.protocol.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ChaCha20 stream cipher (RFC 8439) from the JDK, and HChaCha20, the key-derivation step of
 * XChaCha (draft-irtf-cfrg-xchacha §2.2) that the JDK lacks. NIP-44 uses the first, NIP-49 both.
 */
public final class ChaCha20 {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int HNONCE_LENGTH = 16;

    private ChaCha20() {}

    /** XORs {@code data} with the key stream that starts at block {@code counter}; encrypting and decrypting are the same. */
    public static byte[] xor(byte[] key, byte[] nonce, int counter, byte[] data) {
        checkLength("ChaCha20 key", key, KEY_LENGTH);
        checkLength("ChaCha20 nonce", nonce, NONCE_LENGTH);
        try {
            // A fresh Cipher each time: the JDK refuses to re-initialise one with the same key and nonce.
            Cipher c = Cipher.getInstance("ChaCha20");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, counter));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's ChaCha20 failed", e);
        }
    }

    /** HChaCha20: 20 ChaCha rounds over key and a 16-byte nonce, returning words 0–3 and 12–15 without the final addition. */
    public static byte[] hchacha20(byte[] key, byte[] nonce16) {
        checkLength("HChaCha20 key", key, KEY_LENGTH);
        checkLength("HChaCha20 nonce", nonce16, HNONCE_LENGTH);
        int[] s = new int[16];
        s[0] = 0x61707865;
        s[1] = 0x3320646e;
        s[2] = 0x79622d32;
        s[3] = 0x6b206574;
        for (int i = 0; i < 8; i++) s[4 + i] = le32(key, 4 * i);
        for (int i = 0; i < 4; i++) s[12 + i] = le32(nonce16, 4 * i);
        for (int round = 0; round < 10; round++) {
            quarter(s, 0, 4, 8, 12);
            quarter(s, 1, 5, 9, 13);
            quarter(s, 2, 6, 10, 14);
            quarter(s, 3, 7, 11, 15);
            quarter(s, 0, 5, 10, 15);
            quarter(s, 1, 6, 11, 12);
            quarter(s, 2, 7, 8, 13);
            quarter(s, 3, 4, 9, 14);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 4; i++) {
            putLe32(out, 4 * i, s[i]);
            putLe32(out, 16 + 4 * i, s[12 + i]);
        }
        return out;
    }

    private static void quarter(int[] s, int a, int b, int c, int d) {
        s[a] += s[b]; s[d] = Integer.rotateLeft(s[d] ^ s[a], 16);
        s[c] += s[d]; s[b] = Integer.rotateLeft(s[b] ^ s[c], 12);
        s[a] += s[b]; s[d] = Integer.rotateLeft(s[d] ^ s[a], 8);
        s[c] += s[d]; s[b] = Integer.rotateLeft(s[b] ^ s[c], 7);
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    static void checkLength(String what, byte[] b, int length) {
        if (b.length != length) throw new IllegalArgumentException(what + " must be " + length + " bytes, not " + b.length);
    }
}
