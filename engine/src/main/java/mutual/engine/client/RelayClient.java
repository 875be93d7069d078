package mutual.engine.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.json.Limits;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;

/**
 * A Nostr client connection over a real WebSocket: publish with OK futures, REQ until EOSE,
 * live subscriptions. Used by the CLI's node commands, the load driver and tests.
 */
public final class RelayClient implements AutoCloseable {
    private final WebSocket socket;
    private final Map<EventId, CompletableFuture<RelayMessage.Ok>> pendingOks = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> pendingCounts = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Consumer<RelayMessage> otherMessages = m -> {};
    private final Object sendLock = new Object();
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
    private final java.util.concurrent.atomic.AtomicLong sentChars = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong receivedChars = new java.util.concurrent.atomic.AtomicLong();

    private RelayClient(WebSocket socket) {
        this.socket = socket;
    }

    /** One HTTP client (and so one selector thread) for every connection this process opens. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Connects, waiting up to {@code timeout}. */
    public static RelayClient connect(URI url, Duration timeout) {
        Listener listener = new Listener();
        WebSocket ws = HTTP.newWebSocketBuilder()
                .connectTimeout(timeout).buildAsync(url, listener).orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
        RelayClient c = new RelayClient(ws);
        listener.client = c;
        listener.drain();
        return c;
    }

    /** Messages that are not answers to our own requests (NOTICE, AUTH challenges, CLOSED of unknown ids). */
    public void onOther(Consumer<RelayMessage> handler) {
        this.otherMessages = handler;
    }

    public CompletableFuture<RelayMessage.Ok> publish(Event e) {
        CompletableFuture<RelayMessage.Ok> f = new CompletableFuture<>();
        pendingOks.put(e.id(), f);
        send(ClientWire.encode(new ClientMessage.Publish(e)));
        return f;
    }

    /** Sends an already-encoded {@code ["EVENT",…]} message; the OK for {@code id} completes the future. */
    public CompletableFuture<RelayMessage.Ok> publishRaw(EventId id, String message) {
        CompletableFuture<RelayMessage.Ok> f = new CompletableFuture<>();
        pendingOks.put(id, f);
        send(message);
        return f;
    }

    public CompletableFuture<RelayMessage.Ok> auth(Event e) {
        CompletableFuture<RelayMessage.Ok> f = new CompletableFuture<>();
        pendingOks.put(e.id(), f);
        send(ClientWire.encode(new ClientMessage.Auth(e)));
        return f;
    }

    /** Stored events matching the filters; completes at EOSE, or exceptionally on CLOSED. */
    public CompletableFuture<List<Event>> query(String subId, List<Filter> filters) {
        Subscription s = new Subscription(e -> {});
        subscriptions.put(subId, s);
        send(ClientWire.encode(new ClientMessage.Req(subId, filters)));
        return s.eose.thenApply(v -> {
            subscriptions.remove(subId);
            send(ClientWire.encode(new ClientMessage.Close(subId)));
            return s.stored;
        });
    }

    /**
     * How many stored events match, counted as they arrive without decoding them: for load
     * drivers, whose own parsing would otherwise compete with the node for the same cores.
     * Completes at EOSE, or exceptionally on CLOSED.
     */
    public CompletableFuture<Integer> queryCount(String subId, List<Filter> filters) {
        Subscription s = new Subscription(null);
        subscriptions.put(subId, s);
        send(ClientWire.encode(new ClientMessage.Req(subId, filters)));
        return s.eose.thenApply(v -> {
            subscriptions.remove(subId);
            send(ClientWire.encode(new ClientMessage.Close(subId)));
            return s.counted();
        });
    }

    /** Opens a live subscription; {@code onEvent} sees stored and live events. The future completes at EOSE. */
    public CompletableFuture<Void> subscribe(String subId, List<Filter> filters, Consumer<Event> onEvent) {
        Subscription s = new Subscription(onEvent);
        subscriptions.put(subId, s);
        send(ClientWire.encode(new ClientMessage.Req(subId, filters)));
        return s.eose;
    }

    public CompletableFuture<Long> count(String subId, List<Filter> filters) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        pendingCounts.put(subId, f);
        send(ClientWire.encode(new ClientMessage.Count(subId, filters)));
        return f;
    }

    public void unsubscribe(String subId) {
        subscriptions.remove(subId);
        send(ClientWire.encode(new ClientMessage.Close(subId)));
    }

    /** Sends text in order; the JDK WebSocket allows one outstanding send at a time. */
    public void send(String text) {
        sentChars.addAndGet(text.length());
        synchronized (sendLock) {
            lastSend = lastSend.thenCompose(ws -> socket.sendText(text, true));
        }
    }

    /** Characters of message text sent so far (bytes, for the ASCII JSON relays exchange). */
    public long bytesSent() {
        return sentChars.get();
    }

    /** Characters of message text received so far. */
    public long bytesReceived() {
        return receivedChars.get();
    }

    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Says goodbye and drops the connection; pending requests fail at once and {@link #closedFuture()} completes. */
    @Override
    public void close() {
        fail(new IllegalStateException("closed by this side"));
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                    .whenComplete((ws, e) -> socket.abort());
        } catch (RuntimeException alreadyClosed) {
            socket.abort();
        }
    }

    private void dispatch(RelayMessage m) {
        switch (m) {
            case RelayMessage.Ok ok -> {
                CompletableFuture<RelayMessage.Ok> f = pendingOks.remove(ok.eventId());
                if (f != null) f.complete(ok);
                else otherMessages.accept(m);
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
                CompletableFuture<Long> cf = pendingCounts.remove(c.subscriptionId());
                if (s != null) s.eose.completeExceptionally(new RelayRefusal(c.message()));
                else if (cf != null) cf.completeExceptionally(new RelayRefusal(c.message()));
                else otherMessages.accept(m);
            }
            case RelayMessage.CountResult c -> {
                CompletableFuture<Long> f = pendingCounts.remove(c.subscriptionId());
                if (f != null) f.complete(c.count());
            }
            default -> otherMessages.accept(m);
        }
    }

    private void fail(Throwable t) {
        RelayRefusal r = new RelayRefusal("connection lost: " + t.getMessage());
        pendingOks.values().forEach(f -> f.completeExceptionally(r));
        subscriptions.values().forEach(s -> s.eose.completeExceptionally(r));
        pendingCounts.values().forEach(f -> f.completeExceptionally(r));
        closed.complete(null);
    }

    /** Whether {@code msg} was an EVENT for a counting subscription, which is counted undecoded. */
    private boolean counted(String msg) {
        if (!msg.startsWith(EVENT_PREFIX)) return false;
        int end = msg.indexOf('"', EVENT_PREFIX.length());
        if (end < 0) return false;
        Subscription s = subscriptions.get(msg.substring(EVENT_PREFIX.length(), end));
        if (s == null || s.onEvent != null) return false;
        s.count();
        return true;
    }

    private static final String EVENT_PREFIX = "[\"EVENT\",\"";

    private static final class Subscription {
        /** Null for a subscription that only counts ({@link #queryCount}). */
        final Consumer<Event> onEvent;
        final List<Event> stored = new ArrayList<>();
        final CompletableFuture<Void> eose = new CompletableFuture<>();
        private int counted;

        Subscription(Consumer<Event> onEvent) {
            this.onEvent = onEvent;
        }

        synchronized void accept(Event e) {
            if (onEvent == null) {
                counted++;
                return;
            }
            if (!eose.isDone()) stored.add(e);
            onEvent.accept(e);
        }

        synchronized void count() {
            counted++;
        }

        synchronized int counted() {
            return counted;
        }
    }

    /** Reassembles fragmented text frames and hands whole messages to the client. */
    private static final class Listener implements WebSocket.Listener {
        private static final RelayWire WIRE = RelayWire.create(Limits.defaults().withMaxMessageBytes(4 << 20));
        volatile RelayClient client;
        private final List<String> early = new ArrayList<>();
        private StringBuilder partial = new StringBuilder();

        synchronized void drain() {
            for (String s : early) handle(s);
            early.clear();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (client != null) client.receivedChars.addAndGet(data.length());
            partial.append(data);
            if (last) {
                String msg = partial.toString();
                partial = new StringBuilder();
                synchronized (this) {
                    if (client == null) early.add(msg);
                    else handle(msg);
                }
            }
            ws.request(1);
            return null;
        }

        private void handle(String msg) {
            if (client.counted(msg)) return;
            try {
                client.dispatch(WIRE.decode(msg));
            } catch (RuntimeException e) {
                client.otherMessages.accept(new RelayMessage.Notice("undecodable message from relay: " + e.getMessage()));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            if (client != null) client.fail(new IllegalStateException("closed " + status + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (client != null) client.fail(error);
        }
    }
}
