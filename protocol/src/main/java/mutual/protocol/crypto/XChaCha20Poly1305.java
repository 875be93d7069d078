package mutual.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha §2.3), the AEAD NIP-49 encrypts keys with: HChaCha20
 * turns the key and the first 16 nonce bytes into a subkey, and the JDK's ChaCha20-Poly1305 runs
 * with that subkey and the nonce {@code 00000000 || nonce[16..24]}.
 */
public final class XChaCha20Poly1305 {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 24;
    public static final int TAG_LENGTH = 16;

    private XChaCha20Poly1305() {}

    /** Encrypts and authenticates; the result is the ciphertext followed by the 16-byte tag. */
    public static byte[] seal(byte[] key, byte[] nonce24, byte[] plaintext, byte[] aad) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce24, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's ChaCha20-Poly1305 failed", e);
        }
    }

    /** Checks the tag and decrypts; empty when the ciphertext, nonce, key or associated data do not match. */
    public static Optional<byte[]> open(byte[] key, byte[] nonce24, byte[] sealed, byte[] aad) {
        if (sealed.length < TAG_LENGTH) return Optional.empty();
        try {
            return Optional.of(cipher(Cipher.DECRYPT_MODE, key, nonce24, aad).doFinal(sealed));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's ChaCha20-Poly1305 failed", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce24, byte[] aad) throws GeneralSecurityException {
        ChaCha20.checkLength("XChaCha20-Poly1305 key", key, KEY_LENGTH);
        ChaCha20.checkLength("XChaCha20-Poly1305 nonce", nonce24, NONCE_LENGTH);
        byte[] subkey = ChaCha20.hchacha20(key, Arrays.copyOfRange(nonce24, 0, 16));
        byte[] nonce12 = new byte[12];
        System.arraycopy(nonce24, 16, nonce12, 4, 8);
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(subkey, "ChaCha20"), new IvParameterSpec(nonce12));
        Arrays.fill(subkey, (byte) 0);
        c.updateAAD(aad);
        return c;
    }
}
