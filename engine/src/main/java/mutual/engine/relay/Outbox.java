package mutual.engine.relay;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import mutual.protocol.event.EventJson;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;

/**
 * What a session sends, with the bytes not yet written counted: a client that stops reading
 * is disconnected once that count passes the cap, rather than the node buffering for it.
 * Counted in characters for text and in bytes for stored events sent as UTF-8, which for JSON
 * is close to the same.
 */
final class Outbox {
    private final Transport transport;
    private final long maxPending;
    private final Runnable onSlowReader;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;
    /** The UTF-8 frame head of the subscription whose stored answer is being sent (one REQ at a time per connection). */
    private Head head = new Head("", new byte[0]);

    private record Head(String subscriptionId, byte[] utf8) {}

    Outbox(Transport transport, long maxPending, Runnable onSlowReader) {
        this.transport = transport;
        this.maxPending = maxPending;
        this.onSlowReader = onSlowReader;
    }

    void send(RelayMessage m) {
        sendText(RelayWire.encode(m));
    }

    /** An EVENT frame around JSON already written once for all subscribers. */
    void sendEvent(String subscriptionId, String eventJson) {
        sendText(eventHead(subscriptionId) + eventJson + "]");
    }

    /**
     * A stored event of a REQ's answer, from the bytes the store holds (one copy into the frame,
     * no String): it may wait for the EOSE (or CLOSED) that must follow it.
     */
    void sendStoredEvent(String subscriptionId, byte[] eventJson) {
        if (closed) return;
        Head h = head;
        if (!h.subscriptionId().equals(subscriptionId)) head = h = new Head(subscriptionId, eventHead(subscriptionId).getBytes(StandardCharsets.UTF_8));
        byte[] frame = new byte[h.utf8().length + eventJson.length + 1];
        System.arraycopy(h.utf8(), 0, frame, 0, h.utf8().length);
        System.arraycopy(eventJson, 0, frame, h.utf8().length, eventJson.length);
        frame[frame.length - 1] = ']';
        if (over(frame.length)) return;
        long n = frame.length;
        transport.sendBatched(frame, () -> pending.addAndGet(-n));
    }

    /** {@code ["EVENT",<subscription id>,} : what comes before the event's JSON and the closing bracket. */
    private static String eventHead(String subscriptionId) {
        return "[\"EVENT\"," + EventJson.quote(subscriptionId) + ",";
    }

    private void sendText(String text) {
        if (closed) return;
        long n = text.length();
        if (over(n)) return;
        transport.send(text, () -> pending.addAndGet(-n));
    }

    /** Counts {@code n} more unsent; past the cap, disconnects the slow reader and says so. */
    private boolean over(long n) {
        if (pending.addAndGet(n) <= maxPending) return false;
        closed = true;
        onSlowReader.run();
        transport.disconnect();
        return true;
    }

    /** The session can take more messages: a transport that stopped reading starts again. */
    void readable() {
        transport.readable();
    }

    long pending() {
        return pending.get();
    }

    boolean isClosed() {
        return closed;
    }

    void close(int code, String reason) {
        closed = true;
        transport.close(code, reason);
    }
}
