package mutual.store;

import java.util.Set;
import mutual.protocol.crypto.PubKey;

/**
 * Who is asking: the pubkeys a connection has authenticated as (NIP-42), or the node itself.
 * It decides which gift wraps (kind 1059) a query may return.
 */
public record Viewer(Set<PubKey> authenticated, boolean seesEverything) {
    public Viewer {
        authenticated = Set.copyOf(authenticated);
    }

    public static Viewer anonymous() {
        return new Viewer(Set.of(), false);
    }

    public static Viewer of(Set<PubKey> authenticated) {
        return new Viewer(authenticated, false);
    }

    /** The node itself (sync, export, tests of storage): sees everything. */
    public static Viewer node() {
        return new Viewer(Set.of(), true);
    }

    /** Whether this viewer may see a gift wrap addressed to {@code recipient}. */
    public boolean maySee(PubKey recipient) {
        return seesEverything || authenticated.contains(recipient);
    }
}
