package mutual.engine.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mutual.protocol.event.Event;

/**
 * Sends events to other relays, one {@link Lane} (one connection, in order) per relay, retrying a
 * relay that is down or busy after 5 s, 30 s, 2 min, 10 min and 30 min before giving up. At most
 * {@link #MAX_QUEUED} sends wait at once; past that new ones are dropped and counted, since every
 * event also stays on this node and the person's own client publishes it too.
 */
final class Deliveries implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Deliveries.class.getName());
    static final int MAX_QUEUED = 10_000;
    static final long[] BACKOFF_SECONDS = {5, 30, 120, 600, 1800};

    /** How the lanes connect and publish; a real relay client in the node, the same in tests. */
    interface Sender {
        /** Sends {@code e} to {@code url}; the outcome says whether to retry. */
        Result send(String url, Event e);

        /** Nothing more for {@code url} for a while: its connection may go. */
        default void idle(String url) {}
    }

    enum Result { DELIVERED, REFUSED, RETRY }

    private final Sender sender;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mutual-outbox-timer").daemon(true).factory());
    private final Counter delivered, refused, failed, dropped;
    private volatile boolean closed;

    Deliveries(Sender sender, MeterRegistry registry) {
        this.sender = sender;
        this.delivered = counter(registry, "delivered");
        this.refused = counter(registry, "refused");
        this.failed = counter(registry, "failed");
        this.dropped = counter(registry, "dropped");
        Gauge.builder("mutual.outbox.queued", queued, AtomicInteger::get)
                .description("Events waiting to be sent to people's own relays (the outbox model)").register(registry);
    }

    private static Counter counter(MeterRegistry r, String result) {
        return Counter.builder("mutual.outbox.sends").tag("result", result)
                .description("Events sent on to people's own relays, by outcome").register(r);
    }

    /** Queues {@code e} for {@code url}. */
    void add(String url, Event e) {
        if (closed) return;
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        enqueue(url, new Pending(e, 0));
    }

    int queued() {
        return queued.get();
    }

    private void enqueue(String url, Pending p) {
        while (!lanes.computeIfAbsent(url, u -> new Lane(u, this)).add(p)) {
            // that lane was just retired as idle; the next computeIfAbsent makes a fresh one
        }
    }

    /** Called by a lane once per attempt. */
    void settle(String url, Pending p, Result r) {
        switch (r) {
            case DELIVERED -> done(delivered);
            case REFUSED -> done(refused);
            case RETRY -> {
                if (p.attempt() >= BACKOFF_SECONDS.length || closed) {
                    LOG.log(System.Logger.Level.INFO, "gave up sending event " + p.event().id().hex() + " to " + url + " after " + (p.attempt() + 1) + " attempts");
                    done(failed);
                } else {
                    timer.schedule(() -> enqueue(url, new Pending(p.event(), p.attempt() + 1)), BACKOFF_SECONDS[p.attempt()], TimeUnit.SECONDS);
                }
            }
        }
    }

    private void done(Counter c) {
        c.increment();
        queued.decrementAndGet();
    }

    Sender sender() {
        return sender;
    }

    /** A lane with nothing to do for a while closes its connection and leaves the map. */
    void retireLater(Lane lane) {
        if (!closed) timer.schedule(() -> {
            if (lane.retireIfIdle()) lanes.remove(lane.url(), lane);
        }, Lane.IDLE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        lanes.values().forEach(Lane::close);
    }

    record Pending(Event event, int attempt) {}
}
