package mutual.protocol.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** A secp256k1 secret key (32 bytes, in range). Its {@code toString} never reveals the key. */
public final class SecretKey {
    private final byte[] bytes;

    private SecretKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Accepts 32 bytes that form a valid secret key (non-zero, below the curve order). */
    public static Optional<SecretKey> of(byte[] bytes) {
        if (bytes.length != 32 || !Schnorr.isValidSecret(bytes)) return Optional.empty();
        return Optional.of(new SecretKey(bytes.clone()));
    }

    public static Optional<SecretKey> fromHex(String hex) {
        return Hex.decode(hex, 32).flatMap(SecretKey::of);
    }

    public static SecretKey generate() {
        return generate(new SecureRandom());
    }

    /** Draws keys from the given generator until one is valid; tests pass a seeded one. */
    public static SecretKey generate(RandomGenerator random) {
        byte[] b = new byte[32];
        while (true) {
            random.nextBytes(b);
            Optional<SecretKey> k = of(b);
            if (k.isPresent()) return k.get();
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    public PubKey publicKey() {
        return Schnorr.publicKey(this);
    }

    byte[] raw() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretKey k && java.security.MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SecretKey[redacted]";
    }
}
