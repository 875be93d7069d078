package mutual.engine.relay;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mutual.protocol.event.EventJson;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;

/**
 * What a session sends, with the bytes not yet written counted, here and in the node-wide
 * {@link OutputBudget}: a client that stops reading is disconnected once its own count passes
 * the cap, and the slowest readers are shed when all of them together pass the budget, rather
 * than the node buffering for them. Counted in UTF-8 bytes, as the frames wait in Jetty's queue.
 */
final class Outbox {
    /** WebSocket close code 1013, "try again later": the node is shedding load. */
    static final int TRY_AGAIN_LATER = 1013;
    /** How long a shed connection has to take its close frame before it is cut. */
    private static final long SHED_GRACE_MILLIS = 2_000;

    private final Transport transport;
    private final long maxPending;
    private final OutputBudget budget;
    private final Runnable onSlowReader;
    private final AtomicLong pending = new AtomicLong();
    /** The part of {@link #pending} that is reserved, not queued. */
    private final AtomicLong reserved = new AtomicLong();
    private volatile boolean closed;
    /** The UTF-8 frame head of the last subscription a stored event went to, kept for the next one. */
    private volatile Head head = new Head("", new byte[0]);
    /** Stored answers waiting for the client to read before their next page (see {@link #whenDrained}). */
    private final java.util.Queue<Runnable> drainWaiters = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile long drainMark;

    private record Head(String subscriptionId, byte[] utf8) {}

    Outbox(Transport transport, long maxPending, OutputBudget budget, Runnable onSlowReader) {
        this.transport = transport;
        this.maxPending = maxPending;
        this.budget = budget;
        this.onSlowReader = onSlowReader;
        budget.register(this);
    }

    void send(RelayMessage m) {
        sendText(RelayWire.encode(m));
    }

    /** An event's JSON with its length in UTF-8, both made once for all the subscribers it goes to. */
    record Json(String text, long utf8Bytes) {
        static Json of(String text) {
            return new Json(text, utf8Length(text));
        }
    }

    /** An EVENT frame around JSON already written once for all subscribers. */
    void sendEvent(String subscriptionId, Json eventJson) {
        if (closed) return;
        String head = eventHead(subscriptionId);
        long n = utf8Length(head) + eventJson.utf8Bytes() + 1;
        if (over(n)) return;
        transport.send(head + eventJson.text() + "]", () -> release(n));
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
        long n = frame.length;
        if (over(n)) return;
        transport.sendBatched(frame, () -> release(n));
    }

    /** {@code ["EVENT",<subscription id>,} : what comes before the event's JSON and the closing bracket. */
    private static String eventHead(String subscriptionId) {
        return "[\"EVENT\"," + EventJson.quote(subscriptionId) + ",";
    }

    private void sendText(String text) {
        if (closed) return;
        long n = utf8Length(text);
        if (over(n)) return;
        transport.send(text, () -> release(n));
    }

    /**
     * Counts {@code n} bytes that will be sent later (live events held while a stored answer is
     * sent) as if queued; false, and the connection dropped, when that passes the cap.
     */
    boolean reserve(long n) {
        if (closed || over(n)) return false;
        reserved.addAndGet(n);
        return true;
    }

    /** Gives back bytes {@link #reserve}d. */
    void unreserve(long n) {
        reserved.addAndGet(-n);
        release(n);
    }

    void release(long n) {
        pending.addAndGet(-n);
        budget.release(n);
        if (!drainWaiters.isEmpty()) wakeDrainWaiters();
    }

    /**
     * Runs {@code then} once at most {@code mark} bytes of frames are left unsent, or the connection is
     * closed (at once if so already): how a stored answer waits for its reader between pages.
     * Frames waiting in the batch buffer are flushed, so that they can drain.
     */
    void whenDrained(long mark, Runnable then) {
        drainMark = mark;
        drainWaiters.add(then);
        transport.flush();
        wakeDrainWaiters();
    }

    private void wakeDrainWaiters() {
        if (queued() > drainMark && !closed) return;
        Runnable r;
        while ((r = drainWaiters.poll()) != null) r.run();
    }

    /** Counts {@code n} more unsent; past the cap, disconnects the slow reader and says so. */
    private boolean over(long n) {
        if (pending.addAndGet(n) > maxPending) {
            pending.addAndGet(-n);
            if (closed) return true;
            closed = true;
            onSlowReader.run();
            transport.disconnect();
            return true;
        }
        budget.add(n);
        return false;
    }

    /** The session can take more messages: a transport that stopped reading starts again. */
    void readable() {
        transport.readable();
    }

    /**
     * Closes the connection for the node's sake (the output budget), with the reason in the close
     * frame for a client that still reads, and cuts it if it has not gone after a short grace.
     */
    void shed(String reason) {
        if (closed) return;
        closed = true;
        transport.close(TRY_AGAIN_LATER, reason);
        CompletableFuture.delayedExecutor(SHED_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(transport::disconnect);
    }

    /** The connection is gone: the budget no longer weighs it (its queued bytes are freed as Jetty fails them). */
    void forget() {
        closed = true;
        budget.forget(this);
    }

    /** Bytes this connection owes: queued frames and reservations. */
    long pending() {
        return pending.get();
    }

    /** Bytes of frames queued and not yet written. */
    long queued() {
        return pending.get() - reserved.get();
    }

    boolean isClosed() {
        return closed;
    }

    void close(int code, String reason) {
        closed = true;
        transport.close(code, reason);
    }

    /** Bytes of {@code s} in UTF-8, without encoding it. */
    static long utf8Length(String s) {
        long n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) n += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1; // a surrogate pair: 4 bytes for 2 chars
        }
        return n;
    }
}
