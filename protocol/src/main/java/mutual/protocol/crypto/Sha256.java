package mutual.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with one digest per thread, so hashing never allocates a provider lookup. */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private Sha256() {}

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** This thread's digest, reset: for hashing a message given in parts. Done with it before the next call here. */
    public static MessageDigest digest() {
        MessageDigest d = DIGEST.get();
        d.reset();
        return d;
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        MessageDigest d = DIGEST.get();
        d.reset();
        d.update(data, offset, length);
        return d.digest();
    }
}
