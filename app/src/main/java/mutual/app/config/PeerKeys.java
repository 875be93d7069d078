package mutual.app.config;

import java.util.LinkedHashSet;
import java.util.Set;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.nip19.Nip19;

/** The {@code peer-keys} setting: public keys as npub or hex, separated by commas or spaces. */
public final class PeerKeys {
    private PeerKeys() {}

    /** @throws IllegalArgumentException naming the entry that is not a public key */
    public static Set<PubKey> parse(String text) {
        Set<PubKey> keys = new LinkedHashSet<>();
        for (String k : text.split("[,\\s]+")) {
            if (k.isBlank()) continue;
            String t = k.trim();
            keys.add(Nip19.parsePubKey(t).orElseThrow(() -> new IllegalArgumentException("'" + t + "' is not a public key (npub1… or 64 hex characters)")));
        }
        return keys;
    }
}
