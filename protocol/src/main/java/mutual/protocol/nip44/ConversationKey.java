package mutual.protocol.nip44;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The NIP-44 v2 key two people share: HKDF-extract of their ECDH x coordinate. It is the same in
 * both directions, so a conversation has one. {@code toString} never shows it.
 */
public final class ConversationKey {
    private final byte[] bytes;

    private ConversationKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps 32 bytes, for keys computed elsewhere (test vectors, caches). */
    public static ConversationKey of(byte[] bytes) {
        if (bytes.length != 32) throw new Nip44Exception("a conversation key is 32 bytes, not " + bytes.length);
        return new ConversationKey(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversationKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ConversationKey[redacted]";
    }
}
