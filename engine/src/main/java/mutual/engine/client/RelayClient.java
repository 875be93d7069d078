package mutual.engine.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.json.Limits;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A Nostr client connection over a real WebSocket: publish with OK futures, REQ until EOSE,
 * live subscriptions. Used by the CLI's node commands, the mesh, the load driver and tests.
 *
 * <p>Built on Jetty's WebSocket client (one per process, see {@link SharedWebSocketClient}),
 * which, unlike the JDK's, can negotiate permessage-deflate (RFC 7692): replication moves hex
 * negentropy and JSON events, which deflate shrinks to about half. Whether to ask for it
 * is chosen per connection ({@link Compression}); the relay may still decline.
 */
public final class RelayClient implements AutoCloseable {
    /** Whether a connection asks the relay for permessage-deflate. */
    public enum Compression {
        /** Frames as they are: for load drivers, where deflating would compete with the node for the cores. */
        NONE,
        /** permessage-deflate when the relay agrees: for links that move many events (the mesh, {@code mutual sync}). */
        DEFLATE
    }

    private static final RelayWire WIRE = RelayWire.create(Limits.defaults().withMaxMessageBytes(SharedWebSocketClient.MAX_MESSAGE_BYTES));

    private final Map<EventId, CompletableFuture<RelayMessage.Ok>> pendingOks = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> pendingCounts = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** The relay's NIP-42 challenge, which it may send as soon as the connection opens, before any handler is set. */
    private final CompletableFuture<String> challenge = new CompletableFuture<>();
    private volatile URI url;
    private volatile Consumer<RelayMessage> otherMessages = m -> {};
    private final Object sendLock = new Object();
    private final AtomicLong sentChars = new AtomicLong();
    private final AtomicLong receivedChars = new AtomicLong();
    private volatile Session session;
    /** Jetty's connection under the session, which counts the bytes of the frames; null if it cannot be reached. */
    private volatile WebSocketConnection wire;

    private RelayClient() {}

    /** Connects without compression, waiting up to {@code timeout}. */
    public static RelayClient connect(URI url, Duration timeout) {
        return connect(url, timeout, Compression.NONE);
    }

    /**
     * Connects, waiting up to {@code timeout}, and asks for permessage-deflate when
     * {@code compression} says so. Fails with an unchecked exception whose cause says why.
     */
    public static RelayClient connect(URI url, Duration timeout, Compression compression) {
        RelayClient client = new RelayClient();
        client.url = url;
        ClientUpgradeRequest request = new ClientUpgradeRequest(url);
        request.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (compression == Compression.DEFLATE) request.addExtensions("permessage-deflate");
        Future<Session> connecting;
        try {
            connecting = SharedWebSocketClient.get(url).connect(client.new Endpoint(), request);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
        try {
            connecting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            connecting.cancel(true);
            throw new CompletionException(new TimeoutException("no WebSocket connection to " + url + " within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            connecting.cancel(true);
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private void opened(Session s) {
        session = s;
        if (s instanceof WebSocketSession ws && ws.getCoreSession() instanceof WebSocketCoreSession core) wire = core.getConnection();
    }

    /** Whether the relay agreed to permessage-deflate on this connection. */
    public boolean compressed() {
        return session.getUpgradeResponse().getExtensions().stream().anyMatch(e -> e.getName().equals("permessage-deflate"));
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

    /**
     * Authenticates as {@code key} (NIP-42): waits for the relay's challenge, signs a kind-22242
     * event naming this relay and the challenge, and completes with the relay's OK.
     */
    public CompletableFuture<RelayMessage.Ok> authenticate(SecretKey key, long now) {
        return challenge.thenCompose(c -> auth(EventBuilder.create(22242, now).tag("relay", url.toString()).tag("challenge", c).sign(key)));
    }

    /** Stored events matching the filters; completes at EOSE, or exceptionally on CLOSED. */
    public CompletableFuture<List<Event>> query(String subId, List<Filter> filters) {
        Subscription s = new Subscription(e -> {});
        return open(subId, filters, s).thenApply(v -> finish(subId, s.stored));
    }

    /**
     * How many stored events match, counted as they arrive without decoding them: for load
     * drivers, whose own parsing would otherwise compete with the node for the same cores.
     * Completes at EOSE, or exceptionally on CLOSED.
     */
    public CompletableFuture<Integer> queryCount(String subId, List<Filter> filters) {
        Subscription s = new Subscription(null);
        return open(subId, filters, s).thenApply(v -> finish(subId, s.counted()));
    }

    /** Opens a live subscription; {@code onEvent} sees stored and live events. The future completes at EOSE. */
    public CompletableFuture<Void> subscribe(String subId, List<Filter> filters, Consumer<Event> onEvent) {
        return open(subId, filters, new Subscription(onEvent));
    }

    /** Sends the REQ for {@code s}; the future completes at its EOSE. */
    private CompletableFuture<Void> open(String subId, List<Filter> filters, Subscription s) {
        subscriptions.put(subId, s);
        send(ClientWire.encode(new ClientMessage.Req(subId, filters)));
        return s.eose;
    }

    /** After EOSE of a one-off query: forgets the subscription, sends CLOSE, and passes {@code result} on. */
    private <T> T finish(String subId, T result) {
        subscriptions.remove(subId);
        send(ClientWire.encode(new ClientMessage.Close(subId)));
        return result;
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

    /**
     * Sends text; messages leave in the order of the calls. Jetty queues frames without waiting
     * for earlier ones, so the lock only fixes the order in which they enter its queue.
     */
    public void send(String text) {
        sentChars.addAndGet(text.length());
        synchronized (sendLock) {
            session.sendText(text, Callback.NOOP);
        }
    }

    /**
     * Bytes sent on the wire so far: WebSocket frames with their headers, compressed when the
     * connection negotiated permessage-deflate (the HTTP upgrade before them is not counted).
     */
    public long bytesSent() {
        WebSocketConnection w = wire;
        return w == null ? sentChars.get() : w.getBytesOut();
    }

    /** Bytes received on the wire so far, counted as {@link #bytesSent()}. */
    public long bytesReceived() {
        WebSocketConnection w = wire;
        return w == null ? receivedChars.get() : w.getBytesIn();
    }

    /** Characters of message text sent so far, before any compression (bytes, for the ASCII JSON relays exchange). */
    public long messageCharsSent() {
        return sentChars.get();
    }

    /** Characters of message text received so far, after inflation. */
    public long messageCharsReceived() {
        return receivedChars.get();
    }

    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Says goodbye and drops the connection; pending requests fail at once and {@link #closedFuture()} completes. */
    @Override
    public void close() {
        fail(new IllegalStateException("closed by this side"));
        Session s = session;
        s.close(StatusCode.NORMAL, "bye", Callback.NOOP);
        // A relay that never answers the close frame would hold the connection open (there is no idle timeout).
        CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(s::disconnect);
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
            case RelayMessage.AuthChallenge a -> {
                if (!challenge.complete(a.challenge())) otherMessages.accept(m);
            }
            case RelayMessage.CountResult c -> {
                CompletableFuture<Long> f = pendingCounts.remove(c.subscriptionId());
                if (f != null) f.complete(c.count());
            }
            default -> otherMessages.accept(m);
        }
    }

    /** Completes with the relay's first NIP-42 challenge (later ones go to {@link #onOther}). */
    public CompletableFuture<String> firstChallenge() {
        return challenge.copy();
    }

    private void fail(Throwable t) {
        RelayRefusal r = new RelayRefusal("connection lost: " + t.getMessage());
        pendingOks.values().forEach(f -> f.completeExceptionally(r));
        subscriptions.values().forEach(s -> s.eose.completeExceptionally(r));
        pendingCounts.values().forEach(f -> f.completeExceptionally(r));
        challenge.completeExceptionally(r);
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

    /**
     * Jetty's side of the connection: it hands over whole text messages, one at a time and in
     * order, and reads the next frame only when this one is handled (auto-demand). Public only
     * because Jetty calls it reflectively.
     */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        /** Before any message, and before {@link #connect} returns. */
        @Override
        public void onWebSocketOpen(Session s) {
            opened(s);
        }

        @Override
        public void onWebSocketText(String msg) {
            receivedChars.addAndGet(msg.length());
            if (counted(msg)) return;
            try {
                dispatch(WIRE.decode(msg));
            } catch (RuntimeException e) {
                otherMessages.accept(new RelayMessage.Notice("undecodable message from relay: " + e.getMessage()));
            }
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            fail(new IllegalStateException("closed " + status + " " + reason));
        }

        @Override
        public void onWebSocketError(Throwable error) {
            fail(error);
        }
    }
}
