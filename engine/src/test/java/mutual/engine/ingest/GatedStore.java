package mutual.engine.ingest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.StoredEvent;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;

/**
 * The real store behind a gate: writes wait until the test opens it, so a test can hold the
 * writer mid-commit and watch the queues fill. Everything else passes straight through.
 */
final class GatedStore implements EventStore {
    private final EventStore inner;
    private final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch writing = new CountDownLatch(1);
    /** Events whose put-off work {@link #catchUp} got done. */
    final AtomicInteger caughtUp = new AtomicInteger();

    GatedStore(EventStore inner) {
        this.inner = inner;
    }

    void open() {
        gate.countDown();
    }

    @Override
    public List<WriteOutcome> write(List<Event> batch) {
        writing.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return inner.write(batch);
    }

    @Override public List<StoredEvent> queryStored(List<Filter> filters, Viewer viewer, int maxLimit) { return inner.queryStored(filters, viewer, maxLimit); }
    @Override public long count(List<Filter> filters, Viewer viewer) { return inner.count(filters, viewer); }
    @Override public Optional<StoredEvent> get(EventId id) { return inner.get(id); }
    @Override public void scan(long since, long until, Consumer<StoredEvent> visitor) { inner.scan(since, until, visitor); }
    @Override public int purgeExpired(long now) { return inner.purgeExpired(now); }
    @Override public int catchUp(int max) {
        int n = inner.catchUp(max);
        caughtUp.addAndGet(n);
        return n;
    }
    @Override public long size() { return inner.size(); }
    @Override public Optional<String> integrityProblem() { return inner.integrityProblem(); }
    @Override public void close() { inner.close(); }
}
