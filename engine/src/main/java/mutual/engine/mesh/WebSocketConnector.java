package mutual.engine.mesh;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import mutual.protocol.wire.RelayMessage;

/**
 * Connects to peers over real WebSockets with {@link RelayClient}, asking for permessage-deflate:
 * replication moves hex negentropy and JSON events, which it shrinks to about half, for a
 * little CPU. A peer that declines it is synced uncompressed. With an identity (the node's own
 * key), each connection answers the peer's NIP-42 challenge, so that a peer that lists this
 * node's key (its setting {@code peer-keys}) treats it as a peer, not as an anonymous client.
 */
public final class WebSocketConnector implements Connector {
    private final Duration timeout;
    private final Executor executor;
    private final Optional<SecretKey> identity;
    private final InstantSource clock;

    /** @param executor where the blocking connect runs (a virtual-thread executor on a node) */
    public WebSocketConnector(Duration timeout, Executor executor) {
        this(timeout, executor, Optional.empty(), InstantSource.system());
    }

    /** @param clock dates the AUTH events (the node's clock, which the peer's checks against its own) */
    public WebSocketConnector(Duration timeout, Executor executor, Optional<SecretKey> identity, InstantSource clock) {
        this.timeout = timeout;
        this.executor = executor;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<PeerChannel> connect(String url) {
        return connect(url, RelayClient.Compression.DEFLATE);
    }

    @Override
    public CompletableFuture<PeerChannel> connect(PeerSpec peer) {
        return connect(peer.url(), peer.compress() ? RelayClient.Compression.DEFLATE : RelayClient.Compression.NONE);
    }

    private CompletableFuture<PeerChannel> connect(String url, RelayClient.Compression compression) {
        return CompletableFuture.supplyAsync(() -> new Channel(RelayClient.connect(URI.create(url), timeout, compression), identity, clock, url), executor);
    }

    /** A {@link PeerChannel} over one client connection, compressed or not as it was opened. */
    public static PeerChannel over(RelayClient client) {
        return new Channel(client, Optional.empty(), InstantSource.system(), "");
    }

    private static final class Channel implements PeerChannel {
        private static final AtomicLong QUERIES = new AtomicLong();
        private final RelayClient client;
        /** Publishes awaiting their OK, by event id. */
        private final Map<EventId, CompletableFuture<RelayMessage.Ok>> publishing = new ConcurrentHashMap<>();
        private final Optional<SecretKey> identity;
        private final InstantSource clock;
        private final String url;
        private volatile Consumer<RelayMessage> negentropy = m -> {};

        Channel(RelayClient client, Optional<SecretKey> identity, InstantSource clock, String url) {
            this.client = client;
            this.identity = identity;
            this.clock = clock;
            this.url = url;
            client.onOther(m -> {
                switch (m) {
                    case RelayMessage.NegMsg n -> negentropy.accept(m);
                    case RelayMessage.NegErr n -> negentropy.accept(m);
                    case RelayMessage.AuthChallenge a -> authenticate(a.challenge());
                    default -> {}
                }
            });
            client.firstChallenge().thenAccept(this::authenticate);
        }

        /** NIP-42: proves this node's key on the connection; a refusal changes nothing (the link works unauthenticated). */
        private void authenticate(String challenge) {
            identity.ifPresent(key -> client.auth(EventBuilder.create(22242, clock.instant().getEpochSecond())
                    .tag("relay", url).tag("challenge", challenge).sign(key)));
        }

        /**
         * RelayClient keeps one pending OK per event id: a second EVENT for an id still awaiting
         * its OK would take the first one's place, and the first future would never complete.
         * So an event already on its way is not sent again; its one OK answers both.
         */
        @Override
        public CompletableFuture<RelayMessage.Ok> publish(Event event) {
            CompletableFuture<RelayMessage.Ok> mine = new CompletableFuture<>();
            CompletableFuture<RelayMessage.Ok> earlier = publishing.putIfAbsent(event.id(), mine);
            if (earlier != null) return earlier.copy();
            client.publish(event).whenComplete((ok, t) -> {
                publishing.remove(event.id(), mine);
                if (t != null) mine.completeExceptionally(t);
                else mine.complete(ok);
            });
            return mine.copy();
        }

        @Override
        public CompletableFuture<List<Event>> query(Filter filter) {
            return client.query("mutual-fetch-" + QUERIES.incrementAndGet(), List.of(filter));
        }

        @Override
        public void subscribe(String subscriptionId, Filter filter, Consumer<Event> onEvent) {
            client.subscribe(subscriptionId, List.of(filter), onEvent);
        }

        @Override
        public void negentropy(ClientMessage message) {
            client.send(ClientWire.encode(message));
        }

        @Override
        public void onNegentropy(Consumer<RelayMessage> handler) {
            negentropy = handler;
        }

        @Override
        public CompletableFuture<Void> closed() {
            return client.closedFuture();
        }

        @Override
        public long bytesSent() {
            return client.bytesSent();
        }

        @Override
        public long bytesReceived() {
            return client.bytesReceived();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
