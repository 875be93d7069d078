package mutual.engine.mesh;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;

/**
 * One open connection to a peer, as replication uses it: a Nostr client connection seen without
 * its transport, so the same replication code runs over a real WebSocket and over the
 * simulated network of the mesh tests. Every future fails when the connection is lost.
 */
public interface PeerChannel {
    /**
     * EVENT; completes with the peer's OK. Publishing an event whose OK is still awaited sends
     * nothing more: that one OK completes both (a reconciliation and the live stream may offer the
     * same event at once, and each waits for its answer).
     */
    CompletableFuture<RelayMessage.Ok> publish(Event event);

    /** REQ until EOSE, then CLOSE; fails on CLOSED. */
    CompletableFuture<List<Event>> query(Filter filter);

    /** A REQ left open: stored and then live events go to {@code onEvent}. */
    void subscribe(String subscriptionId, Filter filter, Consumer<Event> onEvent);

    /** Sends NEG-OPEN, NEG-MSG or NEG-CLOSE; the answers go to the handler of {@link #onNegentropy}. */
    void negentropy(ClientMessage message);

    /** Where NEG-MSG and NEG-ERR from the peer go. */
    void onNegentropy(Consumer<RelayMessage> handler);

    /** Completes when the connection is gone, for whatever reason. */
    CompletableFuture<Void> closed();

    /**
     * Bytes sent so far as the transport carries them: for a WebSocket, frames with their
     * headers, compressed when the link negotiated permessage-deflate.
     */
    long bytesSent();

    /** Bytes received so far, counted as {@link #bytesSent()}. */
    long bytesReceived();

    void close();
}
