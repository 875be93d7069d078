package mutual.engine.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import mutual.engine.ingest.Prefix;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.wire.RelayMessage;

/**
 * The live stream of this node's new events to one peer over one connection: every event offered
 * is published and kept until the peer's OK confirms it. Nothing is dropped silently. A refusal
 * that says "later" ({@code rate-limited:}, {@code error:}) is retried after a pause; a queue that
 * is full, or an event that keeps being refused, hands the gap to a reconciliation at once
 * ({@link Listener#missed()}), which finds it because the event is in the store before it is offered.
 *
 * <p>Guarded by its own lock; it tells its listener later, on the timer, so the link that owns it
 * may hold its own lock while calling in.
 */
final class Outbound {
    /** EVENTs awaiting their OK on the connection. */
    static final int MAX_IN_FLIGHT = 256;
    /** Events waiting to be published; past this, new ones are left to a reconciliation. */
    static final int MAX_QUEUED = 10_000;
    /** The same bound in (estimated) bytes, so a burst of large events cannot fill the heap. */
    static final long MAX_QUEUED_BYTES = 16L << 20;
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    static final int MAX_ATTEMPTS = 30;

    /** What the link learns from the stream, told outside the stream's lock. */
    interface Listener {
        void accepted();

        /** The peer refused an event for good (its policy), with its reason. */
        void refused(Event e, String message);

        /** Events were not delivered and no retry is pending: a reconciliation should run now. */
        void missed();
    }

    /** How far behind the stream is: events not yet confirmed, and since when the oldest waits. */
    record Lag(int unconfirmed, Instant oldest) {}

    private static final class Pending {
        final Event event;
        final Instant offeredAt;
        final long bytes;
        int attempts;

        Pending(Event event, Instant offeredAt) {
            this.event = event;
            this.offeredAt = offeredAt;
            // A cheap over-estimate of the JSON: the content, the tags and the fixed fields.
            long tagChars = 0;
            for (var t : event.tags()) for (String v : t.values()) tagChars += v.length() + 4;
            this.bytes = 400 + event.content().length() * 2L + tagChars;
        }
    }

    private final PeerChannel channel;
    private final Timer timer;
    private final Listener listener;
    private final Map<EventId, Pending> unconfirmed = new LinkedHashMap<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int inFlight;
    private boolean closed;

    Outbound(PeerChannel channel, Timer timer, Listener listener) {
        this.channel = channel;
        this.timer = timer;
        this.listener = listener;
    }

    void offer(Event e) {
        boolean missed = false;
        synchronized (this) {
            if (closed || unconfirmed.containsKey(e.id())) return;
            Pending p = new Pending(e, timer.now());
            if (unconfirmed.size() >= MAX_QUEUED || queuedBytes + p.bytes > MAX_QUEUED_BYTES) missed = true;
            else {
                unconfirmed.put(e.id(), p);
                queue.add(p);
                queuedBytes += p.bytes;
                pump();
            }
        }
        if (missed) later(listener::missed);
    }

    /** Publishes from the queue while there is room in flight. Holds the lock. */
    private void pump() {
        while (!closed && inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
            Pending p = queue.poll();
            queuedBytes -= p.bytes;
            inFlight++;
            p.attempts++;
            channel.publish(p.event).whenComplete((ok, t) -> answered(p, ok, t));
        }
    }

    private void answered(Pending p, RelayMessage.Ok ok, Throwable failure) {
        Runnable tell = null;
        synchronized (this) {
            inFlight--;
            if (closed) return;
            if (failure != null) {
                // The connection failed: the link reconnects, and its reconciliation covers the rest.
                return;
            }
            if (ok.accepted()) {
                unconfirmed.remove(p.event.id());
                tell = listener::accepted;
            } else if (Failures.isDeletion(ok.message())) {
                unconfirmed.remove(p.event.id()); // deleted there: settled
            } else if (isTransient(ok.message())) {
                if (p.attempts >= MAX_ATTEMPTS) {
                    unconfirmed.remove(p.event.id());
                    tell = listener::missed;
                } else {
                    timer.schedule(RETRY_AFTER, () -> retry(p));
                }
            } else {
                unconfirmed.remove(p.event.id());
                tell = () -> listener.refused(p.event, ok.message());
            }
            pump();
        }
        if (tell != null) later(tell);
    }

    /**
     * Tells the listener from the timer's thread: never from inside this lock, nor from a caller
     * that holds the link's lock (an answer can complete on the thread that published).
     */
    private void later(Runnable tell) {
        timer.schedule(Duration.ZERO, tell);
    }

    private synchronized void retry(Pending p) {
        if (closed || !unconfirmed.containsKey(p.event.id())) return;
        queue.addFirst(p);
        queuedBytes += p.bytes;
        pump();
    }

    /** A refusal that may not hold on a later try: the peer was busy or limited, not unwilling. */
    static boolean isTransient(String message) {
        return message.startsWith(Prefix.RATE_LIMITED.wire() + ":") || message.startsWith(Prefix.ERROR.wire() + ":");
    }

    synchronized Lag lag() {
        Instant oldest = unconfirmed.isEmpty() ? null : unconfirmed.values().iterator().next().offeredAt;
        return new Lag(unconfirmed.size(), oldest);
    }

    /** The connection is gone: nothing more is sent; the reconciliation after the reconnect takes over. */
    synchronized void close() {
        closed = true;
        queue.clear();
        unconfirmed.clear();
        queuedBytes = 0;
    }
}
