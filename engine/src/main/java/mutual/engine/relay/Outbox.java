package mutual.engine.relay;

import java.util.concurrent.atomic.AtomicLong;
import mutual.protocol.event.EventJson;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;

/**
 * What a session sends, with the bytes not yet written counted: a client that stops reading
 * is disconnected once that count passes the cap, rather than the node buffering for it.
 * Counted in characters, which is close to bytes for JSON and never more.
 */
final class Outbox {
    private final Transport transport;
    private final long maxPending;
    private final Runnable onSlowReader;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;

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
        sendText(eventFrame(subscriptionId, eventJson), false);
    }

    /** A stored event of a REQ's answer: it may wait for the EOSE (or CLOSED) that must follow it. */
    void sendStoredEvent(String subscriptionId, String eventJson) {
        sendText(eventFrame(subscriptionId, eventJson), true);
    }

    private static String eventFrame(String subscriptionId, String eventJson) {
        return "[\"EVENT\"," + EventJson.quote(subscriptionId) + "," + eventJson + "]";
    }

    private void sendText(String text) {
        sendText(text, false);
    }

    private void sendText(String text, boolean batched) {
        if (closed) return;
        long n = text.length();
        if (pending.addAndGet(n) > maxPending) {
            closed = true;
            onSlowReader.run();
            transport.disconnect();
            return;
        }
        if (batched) transport.sendBatched(text, () -> pending.addAndGet(-n));
        else transport.send(text, () -> pending.addAndGet(-n));
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
