package mutual.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.json.Limits;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;

/** A real WebSocket client (java.net.http) speaking Nostr to a node, for integration tests. */
public final class WsClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RelayWire DECODER = RelayWire.create(Limits.defaults().withMaxMessageBytes(64 << 20));

    private final WebSocket ws;
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final Deque<RelayMessage> skipped = new ArrayDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final String challenge;
    private final String url;

    private WsClient(String url, Map<String, String> headers) {
        this.url = url;
        StringBuilder partial = new StringBuilder();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        this.ws = builder.buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    inbox.add(partial.toString());
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(status);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                closed.complete(-1);
            }
        }).join();
        RelayMessage first = next();
        if (!(first instanceof RelayMessage.AuthChallenge a)) throw new AssertionError("expected an AUTH challenge first, got " + first);
        this.challenge = a.challenge();
    }

    public static WsClient connect(int port) {
        return new WsClient("ws://127.0.0.1:" + port + "/", Map.of());
    }

    /** Connects with extra request headers, as a reverse proxy in front of the node would send them. */
    public static WsClient connect(int port, Map<String, String> headers) {
        return new WsClient("ws://127.0.0.1:" + port + "/", headers);
    }

    public String challenge() {
        return challenge;
    }

    public String url() {
        return url;
    }

    public void send(String text) {
        ws.sendText(text, true).join();
    }

    /**
     * Sends a message the node may refuse part-way: a node that closes on an oversized message
     * may do so before the client has written all of it, and that is not a failure here.
     */
    public void sendMayBeCutOff(String text) {
        try {
            ws.sendText(text, true).join();
        } catch (java.util.concurrent.CompletionException cutOff) {
            // the node closed the connection while the message was still being written
        }
    }

    public void sendBinary(byte[] data) {
        ws.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    public void send(ClientMessage m) {
        send(ClientWire.encode(m));
    }

    /** The next message, failing the test after a generous wait. */
    public RelayMessage next() {
        return nextWithin(WAIT).orElseThrow(() -> new AssertionError("no message from the relay within " + WAIT));
    }

    public Optional<RelayMessage> nextWithin(Duration d) {
        if (!skipped.isEmpty()) return Optional.of(skipped.poll());
        try {
            String text = inbox.poll(d.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(text).map(DECODER::decode);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads until a message of type {@code type} satisfying {@code test}; others are kept for later. */
    public <T extends RelayMessage> T expect(Class<T> type, Predicate<T> test) {
        List<RelayMessage> other = new ArrayList<>();
        try {
            while (true) {
                RelayMessage m = next();
                if (type.isInstance(m) && test.test(type.cast(m))) return type.cast(m);
                other.add(m);
            }
        } finally {
            for (int i = other.size() - 1; i >= 0; i--) skipped.addFirst(other.get(i));
        }
    }

    public RelayMessage.Ok publish(Event e) {
        send(new ClientMessage.Publish(e));
        return expect(RelayMessage.Ok.class, ok -> ok.eventId().equals(e.id()));
    }

    public RelayMessage.Ok publishAccepted(Event e) {
        RelayMessage.Ok ok = publish(e);
        if (!ok.accepted()) fail("expected " + e.id().hex() + " accepted, got: " + ok.message());
        return ok;
    }

    /** Sends a REQ and returns the stored events, up to EOSE; fails if the relay closes it. */
    public List<Event> req(String id, Filter... filters) {
        send(new ClientMessage.Req(id, List.of(filters)));
        List<Event> out = new ArrayList<>();
        while (true) {
            RelayMessage m = expect(RelayMessage.class, x -> belongsTo(x, id));
            switch (m) {
                case RelayMessage.EventMsg e -> out.add(e.event());
                case RelayMessage.Eose e -> { return out; }
                default -> throw new AssertionError("expected events and EOSE for " + id + ", got " + m);
            }
        }
    }

    public RelayMessage.Closed reqClosed(String id, Filter... filters) {
        send(new ClientMessage.Req(id, List.of(filters)));
        return expect(RelayMessage.Closed.class, c -> c.subscriptionId().equals(id));
    }

    public long count(String id, Filter... filters) {
        send(new ClientMessage.Count(id, List.of(filters)));
        return expect(RelayMessage.CountResult.class, c -> c.subscriptionId().equals(id)).count();
    }

    /** The next live event for subscription {@code id}, if one arrives within {@code d}. */
    public Optional<Event> liveEvent(String id, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        List<RelayMessage> other = new ArrayList<>();
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) return Optional.empty();
                Optional<RelayMessage> m = nextWithin(Duration.ofNanos(left));
                if (m.isEmpty()) return Optional.empty();
                if (m.get() instanceof RelayMessage.EventMsg e && e.subscriptionId().equals(id)) return Optional.of(e.event());
                other.add(m.get());
            }
        } finally {
            for (int i = other.size() - 1; i >= 0; i--) skipped.addFirst(other.get(i));
        }
    }

    /** Authenticates as {@code key} with a well-formed NIP-42 event; returns the relay's OK. */
    public RelayMessage.Ok auth(SecretKey key, long now) {
        Event e = EventBuilder.create(22242, now).tag("relay", url).tag("challenge", challenge).sign(key);
        send(new ClientMessage.Auth(e));
        return expect(RelayMessage.Ok.class, ok -> ok.eventId().equals(e.id()));
    }

    public void authAccepted(SecretKey key, long now) {
        RelayMessage.Ok ok = auth(key, now);
        assertEquals("", ok.message());
        if (!ok.accepted()) fail("AUTH refused");
    }

    /** The close code, once the relay closed the connection. */
    public Optional<Integer> closedWith(Duration d) {
        try {
            return Optional.of(closed.get(d.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static boolean belongsTo(RelayMessage m, String id) {
        return switch (m) {
            case RelayMessage.EventMsg e -> e.subscriptionId().equals(id);
            case RelayMessage.Eose e -> e.subscriptionId().equals(id);
            case RelayMessage.Closed c -> c.subscriptionId().equals(id);
            default -> false;
        };
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        ws.abort();
    }
}
