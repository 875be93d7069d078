package mutual.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 (RFC 2104) over the JDK's provider, plus the constant-time comparison MAC checks need. */
public final class HmacSha256 {
    public static final int LENGTH = 32;

    private HmacSha256() {}

    /** The MAC of the concatenation of {@code parts} under {@code key}; any key length works, empty included. */
    public static byte[] mac(byte[] key, byte[]... parts) {
        // SecretKeySpec refuses an empty key; HMAC pads keys with zeros to the block size, so one
        // zero byte is the same key as none at all.
        byte[] k = key.length == 0 ? new byte[1] : key;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            for (byte[] p : parts) mac.update(p);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** Compares two byte arrays in time that depends only on their lengths. */
    public static boolean equalsConstantTime(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
