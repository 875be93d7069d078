package mutual.engine.mesh;

import java.util.concurrent.CompletableFuture;

/** Opens connections to peers: WebSockets on a node, simulated links in the mesh tests. */
@FunctionalInterface
public interface Connector {
    CompletableFuture<PeerChannel> connect(String url);

    /** Connects as {@code peer} asks (its URL, with or without compression where that applies). */
    default CompletableFuture<PeerChannel> connect(PeerSpec peer) {
        return connect(peer.url());
    }
}
