package mutual.protocol.crypto;

import java.util.Optional;

/** A BIP-340 x-only public key: a person's or a node's identity. */
public final class PubKey extends FixedBytes {
    private PubKey(byte[] bytes) {
        super(bytes, 32);
    }

    public static PubKey of(byte[] bytes) {
        return new PubKey(bytes.clone());
    }

    /** Lowercase hex of 32 bytes; whether the point is on the curve is checked at signature time. */
    public static Optional<PubKey> fromHex(CharSequence hex) {
        return Hex.decode(hex, 32).map(PubKey::new);
    }
}
