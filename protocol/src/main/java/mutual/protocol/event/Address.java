package mutual.protocol.event;

import java.util.Optional;
import mutual.protocol.crypto.PubKey;

/**
 * The coordinate {@code kind:pubkey:d} of a replaceable or addressable event (NIP-01), as used
 * in {@code a} tags. For replaceable kinds {@code d} is empty.
 */
public record Address(int kind, PubKey pubkey, String d) {
    public static Address of(Event e) {
        return new Address(e.kind(), e.pubkey(), e.kindClass() == KindClass.ADDRESSABLE ? e.dTag() : "");
    }

    public static Optional<Address> parse(String text) {
        int a = text.indexOf(':');
        int b = a < 0 ? -1 : text.indexOf(':', a + 1);
        if (a <= 0 || b < 0) return Optional.empty();
        int kind;
        try {
            kind = Integer.parseInt(text.substring(0, a));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (kind < 0 || kind > KindClass.MAX_KIND) return Optional.empty();
        return PubKey.fromHex(text.substring(a + 1, b)).map(pk -> new Address(kind, pk, text.substring(b + 1)));
    }

    @Override
    public String toString() {
        return kind + ":" + pubkey.hex() + ":" + d;
    }
}
