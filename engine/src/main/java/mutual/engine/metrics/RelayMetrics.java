package mutual.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The node's meters, in one place so their names stay consistent: events received, accepted and
 * rejected (by reason prefix), connections, subscriptions, write batch sizes, commit, sync and query
 * latencies. Exposed at {@code /metrics} in Prometheus text format.
 */
public final class RelayMetrics {
    private final MeterRegistry registry;
    private final AtomicLong connections = new AtomicLong();
    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final Timer syncLatency;
    private final Timer queryLatency;
    /**
     * The per-event counters, by name and tag value: looking one up in the registry builds its id
     * and tags each time, which at an import's tens of thousands of events per second showed in the profile.
     */
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    private RelayMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("mutual.connections", connections, AtomicLong::get)
                .description("Open WebSocket connections").register(registry);
        this.batchSize = DistributionSummary.builder("mutual.write.batch.size")
                .description("Events per store commit").publishPercentileHistogram().register(registry);
        this.commitLatency = Timer.builder("mutual.write.commit")
                .description("Time to commit one batch").publishPercentileHistogram().register(registry);
        this.syncLatency = Timer.builder("mutual.write.sync")
                .description("Time to make committed batches durable (fdatasync of the log), before their OKs go out")
                .publishPercentileHistogram().register(registry);
        this.queryLatency = Timer.builder("mutual.query")
                .description("Time to answer one REQ or COUNT from the store").publishPercentileHistogram().register(registry);
    }

    public static RelayMetrics create(MeterRegistry registry) {
        return new RelayMetrics(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void received(String source) {
        counter(received, "mutual.events.received", "source", source).increment();
    }

    public void accepted(String outcome) {
        counter(accepted, "mutual.events.accepted", "outcome", outcome).increment();
    }

    /** {@code prefix} is the NIP-01 prefix of the reason (invalid, rate-limited, ...). */
    public void rejected(String prefix) {
        counter(rejected, "mutual.events.rejected", "reason", prefix).increment();
    }

    private Counter counter(Map<String, Counter> byValue, String name, String tag, String value) {
        Counter c = byValue.get(value);
        return c != null ? c : byValue.computeIfAbsent(value, v -> Counter.builder(name).tag(tag, v).register(registry));
    }

    public void connectionOpened() {
        connections.incrementAndGet();
        Counter.builder("mutual.connections.opened").register(registry).increment();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    /** Registers the live subscription gauge, read from the fan-out index. */
    public void subscriptions(Supplier<Number> count) {
        Gauge.builder("mutual.subscriptions", count).description("Live subscriptions").register(registry);
    }

    public void slowReaderDisconnected() {
        Counter.builder("mutual.connections.slow.disconnected").register(registry).increment();
    }

    /** A connection shed because the output of all connections passed the node's budget. */
    public void slowReaderShed() {
        Counter.builder("mutual.connections.slow.shed").register(registry).increment();
    }

    /** A connection refused at the connection caps (in total or from one address). */
    public void connectionRefused() {
        Counter.builder("mutual.connections.refused").register(registry).increment();
    }

    /** Registers the gauge of unsent output queued on all connections. */
    public void pendingOutput(Supplier<Number> bytes) {
        Gauge.builder("mutual.output.pending.bytes", bytes).description("Unsent output queued on all connections").register(registry);
    }

    public void sync(long nanos) {
        syncLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void batch(int events, long nanos) {
        batchSize.record(events);
        commitLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void query(long nanos) {
        queryLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
