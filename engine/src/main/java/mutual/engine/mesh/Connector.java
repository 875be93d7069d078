package mutual.engine.mesh;

import java.util.concurrent.CompletableFuture;

/** Opens connections to peers: WebSockets on a node, simulated links in the mesh tests. */
@FunctionalInterface
public interface Connector {
    CompletableFuture<PeerChannel> connect(String url);
}
