package mutual.protocol.nip49;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.crypto.XChaCha20Poly1305;
import mutual.protocol.nip19.Bech32;
import mutual.protocol.nip19.Bech32Exception;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * NIP-49 password-encrypted secret keys (https://github.com/nostr-protocol/nips/blob/master/49.md):
 * scrypt(NFKC(password), salt, N=2^log_n, r=8, p=1) gives a key for XChaCha20-Poly1305 with the key
 * security byte as associated data; the 91 bytes {@code 0x02 || log_n || salt || nonce || ksb || ciphertext}
 * are bech32-encoded as {@code ncryptsec}.
 *
 * <p>scrypt needs 1 KiB × 2^log_n of memory, and log_n comes from the (possibly hostile) input. We
 * therefore refuse log_n above {@link #DEFAULT_MAX_LOG_N} (20, 1 GiB) unless the caller raises the
 * limit, and never go above {@link #MAX_LOG_N} (22, 4 GiB, the top of NIP-49's own table).
 */
public final class Nip49 {
    public static final int VERSION = 2;
    public static final String HRP = "ncryptsec";
    /** The length of the binary form. */
    public static final int LENGTH = 91;
    public static final int DEFAULT_LOG_N = 16;
    public static final int DEFAULT_MAX_LOG_N = 20;
    public static final int MAX_LOG_N = 22;
    private static final int SALT = 16;
    private static final int NONCE = XChaCha20Poly1305.NONCE_LENGTH;
    /** hrp + '1' + 146 data characters + 6 checksum characters, with room to spare. */
    private static final int MAX_BECH32 = 200;

    private Nip49() {}

    /** Encrypts to an {@code ncryptsec1…} string; {@code random} supplies salt and nonce and in production must be a {@code SecureRandom}. */
    public static String encrypt(SecretKey key, String password, int logN, KeySecurity security, RandomGenerator random) {
        return Bech32.encode(HRP, encryptToBytes(key, password, logN, security, random));
    }

    /** The 91-byte binary form, before bech32. */
    public static byte[] encryptToBytes(SecretKey key, String password, int logN, KeySecurity security, RandomGenerator random) {
        checkLogN(logN, MAX_LOG_N);
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] symmetric = symmetricKey(password, salt, logN);
        byte[] secret = key.bytes();
        byte[] aad = {security.code()};
        byte[] ciphertext = XChaCha20Poly1305.seal(symmetric, nonce, secret, aad);
        Arrays.fill(symmetric, (byte) 0);
        Arrays.fill(secret, (byte) 0);
        byte[] out = new byte[LENGTH];
        out[0] = VERSION;
        out[1] = (byte) logN;
        System.arraycopy(salt, 0, out, 2, SALT);
        System.arraycopy(nonce, 0, out, 2 + SALT, NONCE);
        out[2 + SALT + NONCE] = aad[0];
        System.arraycopy(ciphertext, 0, out, 3 + SALT + NONCE, ciphertext.length);
        return out;
    }

    /** Decrypts an {@code ncryptsec1…} string, refusing scrypt costs above {@link #DEFAULT_MAX_LOG_N}. */
    public static DecryptedKey decrypt(String ncryptsec, String password) {
        return decrypt(ncryptsec, password, DEFAULT_MAX_LOG_N);
    }

    /** Decrypts, refusing scrypt costs above {@code maxLogN} (itself at most {@link #MAX_LOG_N}). */
    public static DecryptedKey decrypt(String ncryptsec, String password, int maxLogN) {
        return decryptFromBytes(unbech32(ncryptsec), password, maxLogN);
    }

    /** The scrypt cost an ncryptsec asks for, so a caller can warn before spending the time and memory. */
    public static int logN(String ncryptsec) {
        return unbech32(ncryptsec)[1] & 0xff;
    }

    public static DecryptedKey decryptFromBytes(byte[] data, String password, int maxLogN) {
        if (maxLogN > MAX_LOG_N) throw new IllegalArgumentException("maxLogN must be at most " + MAX_LOG_N);
        if (data.length != LENGTH) throw new Nip49Exception("an encrypted key is " + LENGTH + " bytes, not " + data.length);
        if (data[0] != VERSION) throw new Nip49Exception("unsupported ncryptsec version " + (data[0] & 0xff) + " (only " + VERSION + " is defined)");
        int logN = data[1] & 0xff;
        checkLogN(logN, maxLogN);
        byte[] salt = Arrays.copyOfRange(data, 2, 2 + SALT);
        byte[] nonce = Arrays.copyOfRange(data, 2 + SALT, 2 + SALT + NONCE);
        byte[] aad = {data[2 + SALT + NONCE]};
        KeySecurity security = KeySecurity.of(aad[0]);
        byte[] ciphertext = Arrays.copyOfRange(data, 3 + SALT + NONCE, LENGTH);
        byte[] symmetric = symmetricKey(password, salt, logN);
        Optional<byte[]> secret = XChaCha20Poly1305.open(symmetric, nonce, ciphertext, aad);
        Arrays.fill(symmetric, (byte) 0);
        if (secret.isEmpty()) throw new Nip49Exception("wrong password, or the encrypted key is damaged");
        Optional<SecretKey> key = SecretKey.of(secret.get());
        Arrays.fill(secret.get(), (byte) 0);
        return new DecryptedKey(key.orElseThrow(() -> new Nip49Exception("the decrypted bytes are not a valid secp256k1 secret key")), security, logN);
    }

    /** The NFKC form of a password, which is what NIP-49 hashes, so the same password typed anywhere opens the key. */
    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    private static byte[] symmetricKey(String password, byte[] salt, int logN) {
        byte[] pw = normalize(password).getBytes(StandardCharsets.UTF_8);
        byte[] key = SCrypt.generate(pw, salt, 1 << logN, 8, 1, 32);
        Arrays.fill(pw, (byte) 0);
        return key;
    }

    private static void checkLogN(int logN, int max) {
        if (logN < 1) throw new Nip49Exception("log_n must be at least 1, not " + logN);
        if (logN > max)
            throw new Nip49Exception("log_n " + logN + " would make scrypt use " + (1L << logN >> 10) + " MiB of memory, above the limit of log_n " + max);
    }

    private static byte[] unbech32(String ncryptsec) {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(ncryptsec.strip(), MAX_BECH32);
        } catch (Bech32Exception e) {
            throw new Nip49Exception("not a valid ncryptsec: " + e.getMessage());
        }
        if (!d.hrp().equals(HRP)) throw new Nip49Exception("expected an ncryptsec, got a '" + d.hrp() + "' string");
        byte[] data = d.data();
        if (data.length != LENGTH) throw new Nip49Exception("an encrypted key is " + LENGTH + " bytes, not " + data.length);
        return data;
    }
}
