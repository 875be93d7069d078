package mutual.store;

import java.util.Set;
import mutual.protocol.crypto.PubKey;

/**
 * Who is asking: the pubkeys a connection has authenticated as (NIP-42). It decides which gift
 * wraps (kind 1059) a query may return.
 */
public record Viewer(Set<PubKey> authenticated) {
    public Viewer {
        authenticated = Set.copyOf(authenticated);
    }

    public static Viewer anonymous() {
        return new Viewer(Set.of());
    }

    /** The node itself (sync, export): sees everything. */
    public static Viewer node() {
        return NODE;
    }

    private static final Viewer NODE = new Viewer(Set.of());

    public boolean isNode() {
        return this == NODE;
    }
}
