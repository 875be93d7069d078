package mutual.engine.relay;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import mutual.engine.ingest.Prefix;
import mutual.protocol.event.EventId;
import mutual.protocol.wire.RelayMessage;
import mutual.store.Answer;
import mutual.store.StoredEvent;
import mutual.store.Viewer;

/**
 * Sends one REQ's stored answer, then EOSE, then lets its live subscription go live. The answer
 * streams from the store a page at a time with backpressure: a page is read only while less than
 * the window is unsent on the connection; otherwise the answer waits, holding no thread and no
 * read connection, until the client has read half of it. So an answer of 75 MB costs the node
 * about one window and one page per connection, however slowly it is read (issue 17).
 */
final class StoredAnswer {
    private final Relay relay;
    private final LiveSubscription sub;
    private final Answer answer;
    private final Viewer viewer;
    private final long now;
    private final long untilBatch;
    private final Set<EventId> ids;
    private final long window;
    private final Executor later;
    /** What the answer holds until it ends, counted against the connection's output (see {@link #pump}). */
    private long reserved;

    StoredAnswer(Relay relay, LiveSubscription sub, Answer answer, Viewer viewer, long now, long untilBatch, Executor later) {
        this.relay = relay;
        this.sub = sub;
        this.answer = answer;
        this.viewer = viewer;
        this.now = now;
        this.untilBatch = untilBatch;
        List<EventId> all = answer.ids();
        this.ids = HashSet.newHashSet(all.size());
        ids.addAll(all);
        this.window = relay.config().capacity().answerWindowBytes();
        this.later = later;
    }

    /**
     * Starts sending. The keys and prefetched JSON the answer holds count as output this connection
     * owes until the answer ends, so that a client that opens many large answers and does not read
     * meets its cap and the node's budget like any slow reader.
     */
    void start() {
        long held = answer.heldBytes();
        if (!sub.session().out().reserve(held)) return; // the connection is dropped as a slow reader
        reserved = held;
        pump();
    }

    private synchronized void end() {
        sub.session().out().unreserve(reserved);
        reserved = 0;
    }

    /** Sends pages while the window allows, then either finishes or waits for the client to read. */
    private void pump() {
        Outbox out = sub.session().out();
        while (true) {
            if (sub.isClosed() || out.isClosed()) { // CLOSE, a replacing REQ, or the connection went
                end();
                return;
            }
            if (out.queued() >= window) {
                out.whenDrained(window / 2, () -> later.execute(this::pump));
                return;
            }
            List<StoredEvent> page = answer.next(window / 2);
            if (page.isEmpty()) break;
            for (StoredEvent stored : page) {
                // NIP-40: expired events are not served even before the purge removes them. The
                // store's answer is parsed only for a gift wrap, whose recipients are checked again.
                if (stored.expiredAt(now) || stored.kind() == Visibility.GIFT_WRAP && !Visibility.maySee(viewer, stored.event())) continue;
                out.sendStoredEvent(sub.id(), stored.json());
            }
        }
        end();
        out.send(new RelayMessage.Eose(sub.id()));
        if (!sub.goLive(ids, untilBatch, relay.ingest()::batchesNotified)) {
            sub.session().closeSubscription(sub);
            out.send(new RelayMessage.Closed(sub.id(), Prefix.ERROR.format(
                    "too many new events arrived while the stored ones were sent; subscribe again")));
        }
    }
}
