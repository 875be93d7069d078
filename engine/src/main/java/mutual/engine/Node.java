package mutual.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import mutual.engine.ingest.Ingest;
import mutual.engine.ingest.IngestListener;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Source;
import mutual.engine.mesh.Connector;
import mutual.engine.mesh.LocalNode;
import mutual.engine.mesh.Mesh;
import mutual.engine.mesh.PeerMeters;
import mutual.engine.mesh.SchedulerTimer;
import mutual.engine.mesh.WebSocketConnector;
import mutual.engine.metrics.RelayMetrics;
import mutual.engine.sync.SyncSession;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.StoredEvent;
import mutual.store.Viewer;
import mutual.engine.policy.Policies;
import mutual.engine.relay.Relay;
import mutual.engine.relay.RelayInfo;
import mutual.engine.relay.ReachableNames;
import mutual.engine.relay.RelayUrl;
import mutual.engine.relay.jetty.HttpReply;
import mutual.engine.relay.jetty.RelayServer;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import org.eclipse.jetty.server.Handler;

/**
 * A running Mutual node: the relay server, the ingest pipeline and the purge job over an
 * {@link EventStore} the caller opened (and closes). Build one, {@link #start()} it, and
 * {@link #close()} it; local sources (CLI, bundles, the node itself) use {@link #submit}.
 */
public final class Node implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Node.class.getName());

    private final NodeConfig config;
    private final EventStore store;
    private final MeterRegistry registry;
    private final InstantSource clock;
    private final Ingest ingest;
    private final Relay relay;
    private final Map<String, Handler> routes;
    /** How often the node looks for writes by other processes to its store. */
    static final Duration EXTERNAL_WRITES_CHECK = Duration.ofSeconds(2);
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> changedElsewhere = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean elsewhereQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final Mesh mesh;
    private volatile RelayUrl relayUrl;
    private RelayServer server;
    private final PeerMeters peerMeters;
    private final Health health;
    private boolean closed;

    private Node(Builder b) {
        this.config = b.config;
        this.store = b.store;
        this.clock = b.clock;
        this.registry = b.registry.orElseGet(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        RelayMetrics metrics = RelayMetrics.create(registry);
        for (mutual.store.StoreGauge g : store.gauges())
            io.micrometer.core.instrument.Gauge.builder("mutual.store." + g.name(), g.value(), java.util.function.DoubleSupplier::getAsDouble)
                    .description(g.description()).strongReference(true).register(registry); // the supplier is held nowhere else
        this.relayUrl = config.relayUrl().map(RelayUrl::parse).orElse(null);
        List<Policy> policies = new ArrayList<>(b.policies.orElseGet(
                () -> Policies.defaults(config.policy(), this::namesThisNodeOrAPeer)));
        policies.addAll(b.extraPolicies);
        this.ingest = Ingest.create(store, policies, config.ingest(), b.clock, metrics);
        this.health = new Health(ingest, store);
        this.relay = Relay.create(config.relay(), config.limits(), ingest, store, b.clock, b.random, metrics, () -> relayUrl);
        this.routes = Map.copyOf(b.routes);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mutual-node").daemon(true).factory());
        Connector connector = b.connector.orElseGet(() -> new WebSocketConnector(Duration.ofSeconds(10), Executors.newVirtualThreadPerTaskExecutor(),
                Optional.of(config.nodeKey()), clock));
        this.mesh = new Mesh(local(), connector, new SchedulerTimer(scheduler, clock), b.syncInterval, b.random);
        io.micrometer.core.instrument.Gauge.builder("mutual.peers", mesh, m -> m.links().size())
                .description("configured peers").register(registry);
        io.micrometer.core.instrument.Gauge.builder("mutual.peers.live", mesh, m -> m.links().stream().filter(l -> l.isLive()).count())
                .description("peers reconciled and streaming live").register(registry);
        this.peerMeters = new PeerMeters(mesh, clock, registry);
    }

    /**
     * Whether a relay URL from a NIP-62 vanish request names this node, or a relay it replicates
     * with: peers carry each other's data, so a person who asked one of them to forget them is
     * forgotten by the node that holds its copies too (docs/protocol.md, "Leaving a node").
     */
    private boolean namesThisNodeOrAPeer(String url) {
        if (relayUrl != null && relayUrl.matches(url)) return true;
        Mesh m = mesh;
        return m != null && m.links().stream().anyMatch(l -> RelayUrl.tryParse(l.spec().url()).map(p -> p.matches(url)).orElse(false));
    }

    public static Builder builder(NodeConfig config, EventStore store) {
        return new Builder(config, store);
    }

    public static Node create(NodeConfig config, EventStore store) {
        return builder(config, store).build();
    }

    /** Binds the port, starts serving and schedules the purge; returns the bound port. */
    public synchronized int start() {
        if (server != null || closed) throw new IllegalStateException("a node starts once");
        server = RelayServer.create(new RelayServer.Settings(config.bindAddress(), config.port(), config.limits().maxMessageBytes(),
                config.relay().idleTimeout(), config.clientAddress()), relay, this::info, health::reply, this::scrape, routes);
        int port = server.start();
        RelayUrl url = relayUrl != null ? relayUrl : RelayUrl.parse("ws://" + config.bindAddress() + ":" + port + "/");
        relayUrl = url.withAliases(ReachableNames.of(config.bindAddress(), port));
        long every = config.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::noticeWritesElsewhere, EXTERNAL_WRITES_CHECK.toMillis(),
                EXTERNAL_WRITES_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        // A store shared by several processes (PostgreSQL) says when another one commits: looked at
        // at once, one look queued at a time, so live subscribers here get it without waiting.
        store.onChangedElsewhere(() -> {
            if (elsewhereQueued.compareAndSet(false, true)) scheduler.execute(this::noticeWritesElsewhere);
        });
        LOG.log(System.Logger.Level.INFO, "relay listening on " + relayUrl);
        return port;
    }

    /** Takes an event from a local source through the same pipeline as the network's. */
    public CompletableFuture<Outcome> submit(Event event, Source source) {
        return ingest.submit(event, source);
    }

    /** This node as replication sees it: its sets, its events and its ingest path. */
    public LocalNode local() {
        return new LocalNode() {
            @Override
            public SyncSession set(Filter filter) {
                return relay.syncSessions().own(filter);
            }

            @Override
            public Optional<Event> get(EventId id) {
                return store.get(id).map(StoredEvent::event);
            }

            @Override
            public List<Event> get(Collection<EventId> ids) {
                if (ids.isEmpty()) return List.of();
                return store.query(List.of(Filter.builder().ids(Set.copyOf(ids)).build()), Viewer.node(), ids.size());
            }

            @Override
            public CompletableFuture<Outcome> submit(Event event, Source source) {
                return ingest.submit(event, source);
            }

            @Override
            public void addListener(IngestListener listener) {
                ingest.addListener(listener);
            }
        };
    }

    /** This node's peers: {@link Mesh#apply} sets them, {@link Mesh#status} reports on them. */
    public Mesh mesh() {
        return mesh;
    }

    /** Observes newly accepted events (the aid indexer, sync peers). */
    public void addListener(IngestListener listener) {
        ingest.addListener(listener);
    }

    /** Removes expired events now (NIP-40), on the writer thread; returns how many. */
    public CompletableFuture<Integer> purgeExpired() {
        long now = relayClockSeconds();
        return ingest.onWriter(s -> s.purgeExpired(now));
    }

    /** Whether {@code url} names this node: its URL or another name it answers to (known after {@link #start()}). */
    public boolean isThisNode(String url) {
        RelayUrl u = relayUrl;
        return u != null && u.matches(url);
    }

    /** The URL clients use to reach this node (known after {@link #start()} when not configured). */
    public Optional<String> relayUrl() {
        return Optional.ofNullable(relayUrl).map(RelayUrl::url);
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    public RelayInfo info() {
        var l = config.limits();
        return new RelayInfo(config.name(), config.description(), config.nodeKey().publicKey().hex(), config.contact(),
                config.software(), config.version(), RelayInfo.SUPPORTED_NIPS,
                new RelayInfo.Limitation(l.maxMessageBytes(), config.relay().maxSubscriptions(), l.maxFilters(),
                        config.relay().maxLimit(), l.maxSubscriptionIdChars(), Math.min(l.maxTags(), config.policy().maxTags()),
                        l.maxContentChars(), config.policy().maxFutureSeconds()));
    }

    /**
     * Tells {@code listener}, once, when the node can no longer store events (a thread of the
     * ingest pipeline died). Whoever runs the node should exit so that a supervisor restarts it.
     */
    public void onFailure(java.util.function.Consumer<String> listener) {
        ingest.onFailure(listener);
    }

    private String scrape() {
        peerMeters.refresh();
        return registry instanceof PrometheusMeterRegistry p ? p.scrape() : "";
    }

    private long relayClockSeconds() {
        return clock.instant().getEpochSecond();
    }

    /** At most this many events written by another process go to live subscriptions at once; the newest. */
    static final int LIVE_FROM_ELSEWHERE = 10_000;
    /** The source listeners see for events another process on the same store took in (they were sent on there). */
    public static final Source WRITTEN_ELSEWHERE = new Source.Local("another process on this store");

    /** Runs {@code reload} (on the node's scheduler) whenever another process has written to the store. */
    public void onChangedElsewhere(Runnable reload) {
        changedElsewhere.add(reload);
    }

    /**
     * A bundle import or a sync run by hand on this data folder while the node runs, or another
     * node process on the same PostgreSQL database: what it stored is served at once, but no
     * listener saw it. The sync index is read again, the new events go to live subscriptions and
     * peers' live streams as if this node had taken them, and, unless the store reported every
     * event written elsewhere ({@link EventStore#reportsWritesElsewhere()}), every peer reconciles
     * now and the aid engine reads the store again, so nothing waits for the next interval.
     */
    private void noticeWritesElsewhere() {
        elsewhereQueued.set(false);
        try {
            if (!store.changedElsewhere()) return;
            relay.syncSessions().reload();
            EventStore.Elsewhere fresh = store.writtenElsewhere(LIVE_FROM_ELSEWHERE);
            ingest.announce(fresh.events(), WRITTEN_ELSEWHERE);
            if (store.reportsWritesElsewhere() && !fresh.more()) return;
            LOG.log(System.Logger.Level.INFO, "another process wrote to the store: reading it again and reconciling with peers");
            if (fresh.more()) LOG.log(System.Logger.Level.INFO, "only the newest " + LIVE_FROM_ELSEWHERE
                    + " of the events another process stored went to live subscriptions and peers; REQ and reconciliation serve the rest");
            mesh.syncSoon();
            changedElsewhere.forEach(Runnable::run);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "checking for writes by other processes failed: " + e);
        }
    }

    private void purgeQuietly() {
        try {
            int n = purgeExpired().get(1, TimeUnit.MINUTES);
            if (n > 0) LOG.log(System.Logger.Level.INFO, "purged " + n + " expired events");
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "purging expired events failed: " + e);
        }
    }

    /**
     * Stops accepting connections, lets the writer commit what is queued (their OKs still go
     * out), then closes every connection. The store stays open: the caller owns it.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (server != null) server.stopAccepting();
        mesh.close();
        scheduler.shutdownNow();
        ingest.close();
        if (server != null) server.close();
    }

    /** Optional collaborators of a {@link Node}; all have working defaults. */
    public static final class Builder {
        private final NodeConfig config;
        private final EventStore store;
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random = new SecureRandom();
        private Optional<MeterRegistry> registry = Optional.empty();
        private Optional<List<Policy>> policies = Optional.empty();
        private final List<Policy> extraPolicies = new ArrayList<>();
        private final Map<String, Handler> routes = new LinkedHashMap<>();
        private Optional<Connector> connector = Optional.empty();
        private Duration syncInterval = Duration.ofMinutes(5);

        private Builder(NodeConfig config, EventStore store) {
            this.config = config;
            this.store = store;
        }

        /** The clock for policies, AUTH and expiry (tests pass a fixed or stepping one). */
        public Builder clock(InstantSource v) { clock = v; return this; }

        /** Source of AUTH challenges (default SecureRandom). */
        public Builder random(RandomGenerator v) { random = v; return this; }

        /** Where meters go (default: a Prometheus registry served at /metrics). */
        public Builder meterRegistry(MeterRegistry v) { registry = Optional.of(v); return this; }

        /** Replaces the default admission rules entirely. */
        public Builder policies(List<Policy> v) { policies = Optional.of(List.copyOf(v)); return this; }

        /** Adds a rule after the defaults (membership, quotas...). */
        public Builder addPolicy(Policy v) { extraPolicies.add(v); return this; }

        /** Serves extra HTTP paths (a Jetty path spec such as "/api/*"); "/" is the fallback for the root page. */
        public Builder route(String pathSpec, Handler handler) { routes.put(pathSpec, handler); return this; }

        /** How the node reaches its peers (default: WebSockets). */
        public Builder connector(Connector v) { connector = Optional.of(v); return this; }

        /** How often each peer is reconciled again while connected (default 5 minutes). */
        public Builder syncInterval(Duration v) { syncInterval = v; return this; }

        public Node build() {
            return new Node(this);
        }
    }
}
