package mutual.engine.relay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import mutual.engine.ingest.Ingest;
import mutual.engine.ingest.IngestConfig;
import mutual.engine.metrics.RelayMetrics;
import mutual.engine.policy.Policies;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.policy.PolicyConfig.Rate;
import mutual.engine.testing.MutableClock;
import mutual.protocol.json.Limits;
import mutual.store.sqlite.SqliteStore;

/**
 * A relay without a network: the real store, ingest and relay core, with sessions whose frames
 * go to a {@link Recorder}. For unit tests of sessions and fan-out, and for the fuzzer.
 */
final class SessionHarness implements AutoCloseable {
    static final String URL = "ws://relay.test/";

    final MutableClock clock = MutableClock.atStart();
    final SqliteStore store;
    final Ingest ingest;
    final Relay relay;

    SessionHarness(Path dir, RelayConfig config) {
        store = SqliteStore.builder(dir).readers(1).clock(clock).open();
        RelayUrl url = RelayUrl.parse(URL);
        RelayMetrics metrics = RelayMetrics.create(new SimpleMeterRegistry());
        ingest = Ingest.create(store, Policies.defaults(PolicyConfig.defaults().withRates(Rate.unlimited(), Rate.unlimited()), url::matches),
                new IngestConfig(2, 1000, 1000, 100, 1 << 20, 100), clock, metrics);
        relay = Relay.create(config, Limits.defaults(), ingest, store, clock, new Random(3), metrics, () -> url);
    }

    static RelayConfig unlimited() {
        return RelayConfig.defaults().withMessageRate(Rate.unlimited());
    }

    record Connection(ClientSession session, Recorder out) {
        List<String> sent() {
            return out.sent();
        }
    }

    Connection open() {
        Recorder r = new Recorder();
        return new Connection(relay.open("192.0.2.1", r), r);
    }

    /** A session over {@code transport}, from {@code ip}. */
    ClientSession open(String ip, Transport transport) {
        return relay.open(ip, transport);
    }

    @Override
    public void close() {
        ingest.close();
        store.close();
    }
}
