package mutual.engine.ingest;

import java.nio.file.Path;
import java.util.Set;
import mutual.protocol.crypto.PubKey;

/**
 * Where a submitted event came from. Every source takes the same ingest path (docs/architecture.md);
 * policies look at the source to decide, for example, which rate limit or NIP-70 rule applies.
 */
public sealed interface Source {

    /** A WebSocket client: its connection, remote address and the pubkeys it authenticated as (NIP-42). */
    record Client(long connectionId, String ip, Set<PubKey> authenticated) implements Source {
        public Client {
            authenticated = Set.copyOf(authenticated);
        }
    }

    /** Another node we sync with. */
    record Peer(String url) implements Source {}

    /** A bundle file carried by hand. */
    record Bundle(Path file) implements Source {}

    /** The node itself or its operator's CLI on the same machine. */
    record Local(String what) implements Source {}

    /** A short label for metrics: client, peer, bundle or local. */
    default String label() {
        return switch (this) {
            case Client c -> "client";
            case Peer p -> "peer";
            case Bundle b -> "bundle";
            case Local l -> "local";
        };
    }
}
