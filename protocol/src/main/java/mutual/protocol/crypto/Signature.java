package mutual.protocol.crypto;

import java.util.Optional;

/** A 64-byte BIP-340 Schnorr signature. */
public final class Signature extends FixedBytes {
    private Signature(byte[] bytes) {
        super(bytes, 64);
    }

    public static Signature of(byte[] bytes) {
        return new Signature(bytes.clone());
    }

    public static Optional<Signature> fromHex(CharSequence hex) {
        return Hex.decode(hex, 64).map(Signature::new);
    }
}
