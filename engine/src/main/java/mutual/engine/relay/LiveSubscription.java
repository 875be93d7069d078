package mutual.engine.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;

/**
 * One REQ's live part. It is registered before the stored answer is read, so no event falls
 * between the query and going live; events that arrive meanwhile wait here (bounded) and are
 * sent after EOSE unless the stored answer already held them; so are those that the notifier
 * delivers after EOSE but were committed before the stored answer was read.
 */
final class LiveSubscription {
    private final ClientSession session;
    private final String id;
    private final List<Filter> filters;
    private final Viewer viewer;
    private final int maxBuffered;
    private List<Event> buffer = new ArrayList<>();
    private boolean overflowed;
    private boolean closed;
    /** Bytes of {@link #buffer} counted against the connection's output. */
    private long reserved;
    /** Ids sent in the stored answer, while live events may still repeat them (see {@link #goLive}). */
    private Set<EventId> answered;
    private long answeredUntil;
    private LongSupplier notified = () -> Long.MAX_VALUE;

    LiveSubscription(ClientSession session, String id, List<Filter> filters, Viewer viewer, int maxBuffered) {
        this.session = session;
        this.id = id;
        this.filters = List.copyOf(filters);
        this.viewer = viewer;
        this.maxBuffered = maxBuffered;
    }

    String id() {
        return id;
    }

    List<Filter> filters() {
        return filters;
    }

    ClientSession session() {
        return session;
    }

    /** Whether {@code filter} (one of ours) lets the event through, including NIP-50 search and gift-wrap privacy. */
    boolean admits(Filter filter, Event e) {
        return filter.matches(e)
                && filter.search().map(q -> SearchMatch.matches(q, e)).orElse(true)
                && Visibility.maySee(viewer, e);
    }

    /** Called by the fan-out, from the notifier thread. */
    synchronized void offer(Event e, Supplier<Outbox.Json> json) {
        if (closed) return;
        if (buffer != null) {
            // What waits here is output this connection owes: it counts against its cap and the node's budget.
            long n = json.get().utf8Bytes() + id.length() + 16;
            if (buffer.size() < maxBuffered && session.out().reserve(n)) {
                buffer.add(e);
                reserved += n;
            } else {
                overflowed = true;
            }
            return;
        }
        if (answered != null) {
            if (notified.getAsLong() >= answeredUntil) answered = null;
            else if (answered.contains(e.id())) return; // already sent in the stored answer
        }
        session.out().sendEvent(id, json.get());
    }

    /**
     * Called after EOSE: sends what arrived during the query and was not in the stored answer.
     * Returns false when too much arrived to keep, in which case the caller closes the subscription.
     * The stored answer's ids are kept until the notifier has passed batch {@code untilBatch}
     * ({@link mutual.engine.ingest.Ingest#batchesNotified}): an event acknowledged just before the
     * REQ may be in the answer and still reach live subscribers after EOSE, and must not arrive twice.
     */
    synchronized boolean goLive(Set<EventId> alreadySent, long untilBatch, LongSupplier notified) {
        List<Event> waiting = buffer;
        buffer = null;
        session.out().unreserve(reserved);
        reserved = 0;
        if (closed || waiting == null) return true; // closed meanwhile (the connection went away)
        if (overflowed) return false;
        for (Event e : waiting)
            if (!alreadySent.contains(e.id())) session.out().sendEvent(id, Outbox.Json.of(e.toJson()));
        if (!alreadySent.isEmpty() && notified.getAsLong() < untilBatch) {
            this.answered = alreadySent;
            this.answeredUntil = untilBatch;
            this.notified = notified;
        }
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        buffer = null;
        answered = null;
        session.out().unreserve(reserved);
        reserved = 0;
    }
}
