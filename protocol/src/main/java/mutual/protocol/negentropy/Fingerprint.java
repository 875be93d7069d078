package mutual.protocol.negentropy;

import mutual.protocol.crypto.FixedBytes;
import mutual.protocol.crypto.Sha256;

/**
 * The 16-byte digest of the ids in a range (protocol v1, "Fingerprint Algorithm"): SHA-256 of
 * the 32-byte little-endian sum of the ids modulo 2^256 followed by the item count as a varint,
 * cut to its first 16 bytes.
 */
public final class Fingerprint extends FixedBytes {
    public static final int SIZE = 16;

    private Fingerprint(byte[] bytes) {
        super(bytes, SIZE);
    }

    /** A fingerprint received on the wire (copied). */
    public static Fingerprint of(byte[] sixteenBytes) {
        return new Fingerprint(sixteenBytes.clone());
    }

    static Fingerprint of(IdSum sum, long count) {
        if (count < 0) throw new IllegalArgumentException("negative count");
        byte[] input = new byte[32 + Varint.size(count)];
        System.arraycopy(sum.toBytes(), 0, input, 0, 32);
        Varint.write(count, input, 32);
        byte[] digest = Sha256.hash(input);
        return new Fingerprint(java.util.Arrays.copyOf(digest, SIZE));
    }
}
