package mutual.engine.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;

/**
 * One REQ's live part. It is registered before the stored answer is read, so no event falls
 * between the query and going live; events that arrive meanwhile wait here (bounded) and are
 * sent after EOSE unless the stored answer already held them.
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
    synchronized void offer(Event e, Supplier<String> json) {
        if (closed) return;
        if (buffer != null) {
            if (buffer.size() < maxBuffered) buffer.add(e);
            else overflowed = true;
            return;
        }
        session.out().sendEvent(id, json.get());
    }

    /**
     * Called after EOSE: sends what arrived during the query and was not in the stored answer.
     * Returns false when too much arrived to keep, in which case the caller closes the subscription.
     */
    synchronized boolean goLive(Set<EventId> alreadySent) {
        List<Event> waiting = buffer;
        buffer = null;
        if (closed || waiting == null) return true; // closed meanwhile (the connection went away)
        if (overflowed) return false;
        for (Event e : waiting)
            if (!alreadySent.contains(e.id())) session.out().sendEvent(id, e.toJson());
        return true;
    }

    synchronized void close() {
        closed = true;
        buffer = null;
    }
}
