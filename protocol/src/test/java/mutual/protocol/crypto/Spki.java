package mutual.protocol.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * A strict, minimal reader of DER SubjectPublicKeyInfo for secp256k1 keys (RFC 5480), just enough
 * for the Wycheproof ECDH vectors: the algorithm must be id-ecPublicKey with the named curve
 * secp256k1, every length must be DER-minimal, and nothing may follow. Anything else is empty.
 */
final class Spki {
    private static final byte[] EC_PUBLIC_KEY = Hex.parse("2a8648ce3d0201"); // 1.2.840.10045.2.1
    private static final byte[] SECP256K1 = Hex.parse("2b8104000a"); // 1.3.132.0.10

    private final byte[] der;
    private int pos;

    private Spki(byte[] der) {
        this.der = der;
    }

    /** The SEC1 point inside the BIT STRING, when the whole structure is well-formed DER for secp256k1. */
    static Optional<byte[]> sec1Point(byte[] der) {
        try {
            return Optional.of(new Spki(der).read());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] read() {
        Spki outer = new Spki(element(0x30));
        if (pos != der.length) throw new IllegalArgumentException("trailing data");
        Spki algorithm = new Spki(outer.element(0x30));
        if (!Arrays.equals(algorithm.element(0x06), EC_PUBLIC_KEY)) throw new IllegalArgumentException("not an EC key");
        if (!Arrays.equals(algorithm.element(0x06), SECP256K1)) throw new IllegalArgumentException("not secp256k1");
        algorithm.end();
        byte[] bits = outer.element(0x03);
        outer.end();
        if (bits.length < 1 || bits[0] != 0) throw new IllegalArgumentException("BIT STRING with unused bits");
        return Arrays.copyOfRange(bits, 1, bits.length);
    }

    private byte[] element(int tag) {
        if (pos >= der.length || (der[pos] & 0xff) != tag) throw new IllegalArgumentException("expected tag " + tag);
        pos++;
        int len = length();
        if (len > der.length - pos) throw new IllegalArgumentException("length past the end");
        byte[] out = Arrays.copyOfRange(der, pos, pos + len);
        pos += len;
        return out;
    }

    private int length() {
        if (pos >= der.length) throw new IllegalArgumentException("missing length");
        int first = der[pos++] & 0xff;
        if (first < 0x80) return first;
        int count = first & 0x7f;
        if (count == 0 || count > 2) throw new IllegalArgumentException("indefinite or oversized length");
        int len = 0;
        for (int i = 0; i < count; i++) {
            if (pos >= der.length) throw new IllegalArgumentException("truncated length");
            len = len << 8 | (der[pos++] & 0xff);
        }
        // DER: the shortest form only.
        if (len < 0x80 || (count == 2 && len < 0x100)) throw new IllegalArgumentException("non-minimal length");
        return len;
    }

    private void end() {
        if (pos != der.length) throw new IllegalArgumentException("unexpected element");
    }
}
