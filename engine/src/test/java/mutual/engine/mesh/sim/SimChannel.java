package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import mutual.engine.client.RelayRefusal;
import mutual.engine.mesh.PeerChannel;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;

/**
 * The client end of a simulated connection, as the mesh uses it. It behaves as the production
 * channel does ({@code WebSocketConnector} over {@code RelayClient}), quirks included, so the
 * simulation tests the mesh against what it really runs on: one pending OK per event id (an
 * event published again while its OK is awaited is not sent again; that OK answers both), a
 * query is a REQ closed at its EOSE,
 * NEG-MSG and NEG-ERR go to the one handler last set, and closing fails every pending request
 * and completes {@link #closed()} before returning. Requests made after the connection is gone
 * are sent nowhere and never complete, as on a dead socket.
 */
final class SimChannel implements PeerChannel {
    private final SimConnection connection;
    private final SimStats stats;
    private final Map<EventId, CompletableFuture<RelayMessage.Ok>> pendingOks = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Consumer<RelayMessage> negentropy = m -> {};
    private long queries;
    private long sent;
    private long received;

    SimChannel(SimConnection connection, SimStats stats) {
        this.connection = connection;
        this.stats = stats;
    }

    private static final class Subscription {
        final Consumer<Event> onEvent;
        final List<Event> stored = new ArrayList<>();
        final CompletableFuture<Void> eose = new CompletableFuture<>();

        Subscription(Consumer<Event> onEvent) {
            this.onEvent = onEvent;
        }

        void accept(Event e) {
            if (!eose.isDone()) stored.add(e);
            onEvent.accept(e);
        }
    }

    private void send(ClientMessage m) {
        if (m instanceof ClientMessage.NegOpen && connection.client() instanceof SimNode) stats.syncsOpened++;
        sent += connection.toServer(m);
    }

    @Override
    public CompletableFuture<RelayMessage.Ok> publish(Event event) {
        CompletableFuture<RelayMessage.Ok> earlier = pendingOks.get(event.id());
        if (earlier != null) return earlier.copy();
        CompletableFuture<RelayMessage.Ok> f = new CompletableFuture<>();
        pendingOks.put(event.id(), f);
        send(new ClientMessage.Publish(event));
        return f.copy();
    }

    @Override
    public CompletableFuture<List<Event>> query(Filter filter) {
        String id = "mutual-fetch-" + ++queries;
        Subscription s = new Subscription(e -> {});
        subscriptions.put(id, s);
        send(new ClientMessage.Req(id, List.of(filter)));
        return s.eose.thenApply(v -> {
            subscriptions.remove(id);
            send(new ClientMessage.Close(id));
            return s.stored;
        });
    }

    @Override
    public void subscribe(String subscriptionId, Filter filter, Consumer<Event> onEvent) {
        subscriptions.put(subscriptionId, new Subscription(onEvent));
        send(new ClientMessage.Req(subscriptionId, List.of(filter)));
    }

    @Override
    public void negentropy(ClientMessage message) {
        if (connection.client() instanceof SimNode n) {
            switch (message) {
                case ClientMessage.NegOpen o -> stats.written(n.name(), o.message());
                case ClientMessage.NegMsg m -> stats.written(n.name(), m.message());
                default -> {}
            }
        }
        send(message);
    }

    @Override
    public void onNegentropy(Consumer<RelayMessage> handler) {
        this.negentropy = handler;
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public long bytesSent() {
        return sent;
    }

    @Override
    public long bytesReceived() {
        return received;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A message from the relay, as {@code RelayClient} dispatches it. */
    void receive(RelayMessage m, int bytes) {
        received += bytes;
        switch (m) {
            case RelayMessage.Ok ok -> {
                CompletableFuture<RelayMessage.Ok> f = pendingOks.remove(ok.eventId());
                if (f != null) f.complete(ok);
            }
            case RelayMessage.EventMsg e -> {
                Subscription s = subscriptions.get(e.subscriptionId());
                if (s != null) s.accept(e.event());
            }
            case RelayMessage.Eose e -> {
                Subscription s = subscriptions.get(e.subscriptionId());
                if (s != null) s.eose.complete(null);
            }
            case RelayMessage.Closed c -> {
                Subscription s = subscriptions.remove(c.subscriptionId());
                if (s != null) s.eose.completeExceptionally(new RelayRefusal(c.message()));
            }
            case RelayMessage.NegMsg n -> negentropy.accept(n);
            case RelayMessage.NegErr n -> negentropy.accept(n);
            default -> {}
        }
    }

    /** The connection is gone: every pending request fails, then {@link #closed()} completes. */
    void lost(String why) {
        RelayRefusal r = new RelayRefusal("connection lost: " + why);
        for (CompletableFuture<RelayMessage.Ok> f : List.copyOf(pendingOks.values())) f.completeExceptionally(r);
        pendingOks.clear();
        for (Subscription s : List.copyOf(subscriptions.values())) s.eose.completeExceptionally(r);
        closed.complete(null);
    }
}
