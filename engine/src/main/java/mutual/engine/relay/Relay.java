package mutual.engine.relay;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import mutual.engine.ingest.Ingest;
import mutual.engine.metrics.RelayMetrics;
import mutual.engine.sync.SyncIndex;
import mutual.engine.sync.SyncSessions;
import mutual.protocol.crypto.Hex;
import mutual.protocol.filter.Filter;
import mutual.protocol.json.Limits;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.NegentropyLimits;
import mutual.protocol.wire.ClientWire;
import mutual.store.EventStore;
import mutual.store.Answer;
import mutual.store.Viewer;

/**
 * What all client sessions share: the decoder, the ingest pipeline, the store for queries, the
 * live fan-out, the clock and the limits. Transport-independent: the Jetty adapter and the
 * fuzzer both open sessions here.
 */
public final class Relay {
    /** Largest NIP-77 reply, in bytes before hex encoding. */
    static final int SYNC_FRAME_BYTES = 200_000;

    private final RelayConfig config;
    private final ClientWire wire;
    private final Ingest ingest;
    private final EventStore store;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final RelayMetrics metrics;
    private final Supplier<RelayUrl> url;
    private final Fanout fanout = new Fanout();
    private final AtomicLong connections = new AtomicLong();
    private final SyncSessions syncSessions;
    private final OutputBudget budget;
    private final InputBudget input;
    private final ThreadPoolExecutor answers = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
            Thread.ofPlatform().name("mutual-req-", 0).daemon(true).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
    private final ConnectionCaps caps;

    private Relay(RelayConfig config, Limits limits, Ingest ingest, EventStore store, InstantSource clock,
                  RandomGenerator random, RelayMetrics metrics, Supplier<RelayUrl> url) {
        this.config = config;
        this.wire = ClientWire.create(limits);
        this.ingest = ingest;
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
        this.url = url;
        metrics.subscriptions(fanout::size);
        this.budget = new OutputBudget(config.capacity().maxPendingBytesTotal(), metrics::slowReaderShed);
        this.input = new InputBudget(config.capacity().maxPendingInputTotal());
        this.caps = new ConnectionCaps(config.capacity().maxConnections(), config.capacity().maxConnectionsPerIp());
        metrics.pendingOutput(budget::pending);
        answers.allowCoreThreadTimeOut(true); // a relay that is closed leaves no threads behind
        // Replies stay well under the 512 KiB frames relays commonly accept (as hex, twice the bytes).
        NegentropyConfig neg = NegentropyConfig.defaults().withFrameSizeLimit(SYNC_FRAME_BYTES)
                .withLimits(new NegentropyLimits(Math.max(1, limits.maxMessageBytes() / 2), 1 << 20, 1 << 20));
        this.syncSessions = new SyncSessions(SyncIndex.over(store), store, neg, config.maxSyncRecords());
        ingest.addListener((event, source) -> fanout.publish(event));
    }

    /**
     * @param url this relay's public URL, read when checking AUTH events (it may be known only
     *            once the server has bound its port)
     */
    public static Relay create(RelayConfig config, Limits limits, Ingest ingest, EventStore store, InstantSource clock,
                               RandomGenerator random, RelayMetrics metrics, Supplier<RelayUrl> url) {
        return new Relay(config, limits, ingest, store, clock, random, metrics, url);
    }

    /**
     * Opens a session for a new connection and sends it its NIP-42 challenge; past the connection
     * caps, the session is closed at once with the reason (close code 1013) and ignores what arrives.
     */
    public ClientSession open(String ip, Transport transport) {
        ConnectionInfo info = new ConnectionInfo(connections.incrementAndGet(), ip);
        Outbox out = new Outbox(transport, config.maxPendingBytes(), budget, metrics::slowReaderDisconnected);
        var refusal = caps.admit(ip);
        ClientSession s = new ClientSession(this, info, out, challenge(), refusal.isEmpty());
        if (refusal.isPresent()) {
            metrics.connectionRefused();
            out.close(Outbox.TRY_AGAIN_LATER, refusal.get());
        } else {
            s.open();
        }
        return s;
    }

    /** A session that was admitted has closed: its place is free. */
    void closed(ConnectionInfo info) {
        caps.release(info.ip());
    }

    private String challenge() {
        byte[] b = new byte[16];
        synchronized (random) {
            random.nextBytes(b);
        }
        return Hex.encode(b);
    }

    /** A REQ's stored answer, settled now and read a page at a time as it is sent. */
    Answer answer(List<Filter> filters, Viewer viewer) {
        long t0 = System.nanoTime();
        try {
            return store.answer(filters, viewer, config.maxLimit());
        } finally {
            metrics.query(System.nanoTime() - t0);
        }
    }

    /**
     * Where stored answers continue once their reader has caught up: a few threads, as many as
     * the store has read connections. Each waiting answer queues at most one task; if ever the
     * queue is full, the thread that saw the output drain runs it.
     */
    Executor answers() {
        return answers;
    }

    long count(List<Filter> filters, Viewer viewer) {
        long t0 = System.nanoTime();
        try {
            return store.count(filters, viewer);
        } finally {
            metrics.query(System.nanoTime() - t0);
        }
    }

    public SyncSessions syncSessions() {
        return syncSessions;
    }

    public Fanout fanout() {
        return fanout;
    }

    InputBudget input() {
        return input;
    }

    RelayConfig config() {
        return config;
    }

    ClientWire wire() {
        return wire;
    }

    Ingest ingest() {
        return ingest;
    }

    InstantSource clock() {
        return clock;
    }

    RelayMetrics metrics() {
        return metrics;
    }

    RelayUrl url() {
        return url.get();
    }
}
