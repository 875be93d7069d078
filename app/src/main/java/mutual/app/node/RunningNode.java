package mutual.app.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import mutual.engine.mesh.PeerSpec;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.config.PeerKeys;
import mutual.engine.Node;
import mutual.engine.NodeConfig;
import mutual.engine.aid.Aid;
import mutual.engine.community.Communities;
import mutual.engine.outbox.OutboxDelivery;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.policy.PolicyConfig.Rate;
import mutual.engine.relay.ClientAddress;
import mutual.engine.relay.Capacity;
import mutual.engine.relay.RelayConfig;
import mutual.engine.sync.SyncIndex;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.json.Limits;
import mutual.protocol.nip19.Nip19;
import mutual.store.EventStore;
import mutual.store.Leadership;

/**
 * A node as {@code mutual serve} runs it: the data folder, the node's key, the store (SQLite in
 * the folder, or PostgreSQL) and the engine, built from the resolved configuration and closed in
 * the right order. On a store several processes share, the aid engine's suggestions and the mesh
 * run only in the process that leads ({@link Leadership}).
 */
public final class RunningNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunningNode.class.getName());
    private final EventStore store;
    private final String storeName;
    private final Aid aid;
    private final Communities communities;
    private final Node node;
    private final Path dataDir;
    private final SecretKey key;
    private final int port;
    private final PeerWatch peerWatch;
    private final NodeLock lock;
    /** Sends people's events on to the relays their lists name; absent with {@code outbox = false}. */
    private final java.util.Optional<OutboxDelivery> outbox;
    private boolean closed;

    private RunningNode(EventStore store, String storeName, Aid aid, Communities communities, Node node, Path dataDir, SecretKey key, int port, PeerWatch peerWatch, NodeLock lock,
                        java.util.Optional<OutboxDelivery> outbox) {
        this.outbox = outbox;
        this.peerWatch = peerWatch;
        this.lock = lock;
        this.store = store;
        this.storeName = storeName;
        this.aid = aid;
        this.communities = communities;
        this.node = node;
        this.dataDir = dataDir;
        this.key = key;
        this.port = port;
    }

    public static RunningNode start(Config c) throws IOException {
        return start(c, List.of());
    }

    /** Starts a node that also peers with {@code peers} (from {@code serve --peer}) besides DATA/peers.conf. */
    public static RunningNode start(Config c, List<PeerSpec> peers) throws IOException {
        Path data = Path.of(c.get(NodeSettings.DATA)).toAbsolutePath().normalize();
        try {
            mutual.store.OwnerOnly.folder(data);
            mutual.store.OwnerOnly.ifExists(data.resolve("mutual.conf"));
            mutual.store.OwnerOnly.ifExists(data.resolve(NodeKey.FILE));
        } catch (IOException e) {
            throw new IOException("cannot create the data folder " + data + ": " + e.getMessage(), e);
        }
        NodeLock lock = NodeLock.take(data); // before the key or the database are touched
        try {
            return start(c, peers, data, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static RunningNode start(Config c, List<PeerSpec> peers, Path data, NodeLock lock) throws IOException {
        SecretKey key = NodeKey.loadOrCreate(data);
        String where = c.get(NodeSettings.STORE);
        EventStore store = Stores.open(where, data);
        try {
            long events = store.size(), heap = Runtime.getRuntime().maxMemory();
            heapWarning(events, heap).ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w));
            MemoryFormula memory = MemoryFormula.of(c, events, heap);
            memory.warning().ifPresentOrElse(w -> LOG.log(System.Logger.Level.WARNING, w),
                    () -> LOG.log(System.Logger.Level.INFO, "most heap this node can need: " + memory.explain() + ", of " + (heap >> 20) + " MiB"));
            Node.Builder builder = Node.builder(nodeConfig(c, key, memory.connections()), store)
                    .syncInterval(Duration.ofSeconds(Math.max(1, c.get(NodeSettings.SYNC_INTERVAL_SECONDS))));
            int maxListings = c.get(NodeSettings.MAX_INDEXED_LISTINGS);
            Communities communities = Communities.install(builder, store, InstantSource.system()); // tallies, /api/communities/*
            Aid aid = Aid.install(builder, store, key, InstantSource.system(), maxListings > 0 ? maxListings : Aid.defaultMaxListings(),
                    communities.trust(), communities.referrals()); // listings, matching (trusting and referring through communities too), /api/*
            Leadership leadership = store.leadership();
            aid.suggestOnlyWhile(leadership::leads); // once per store, not once per process
            builder.route("/api/places", mutual.app.aid.PlacesApi.handler()); // the gazetteer, for the web interface's place field
            builder.route("/", mutual.app.web.WebAssets.create()); // the web interface (docs/web.md)
            Node node = builder.build();
            aid.attach(node); // loads the listing index from the store, then follows new events
            communities.attach(node); // reads every community's history from the store, then follows new events
            java.util.Optional<OutboxDelivery> outbox = c.get(NodeSettings.OUTBOX)
                    ? java.util.Optional.of(OutboxDelivery.install(node, store, key, InstantSource.system(), c.get(NodeSettings.OUTBOX_PRIVATE_ADDRESSES)))
                    : java.util.Optional.empty();
            int port = node.start();
            PeerWatch peerWatch;
            try {
                peerWatch = PeerWatch.start(data, peers, node.mesh(), leadership);
            } catch (IllegalArgumentException | IOException e) {
                outbox.ifPresent(OutboxDelivery::close);
                aid.close();
                communities.close();
                node.close();
                throw new IOException("cannot read the peers: " + e.getMessage(), e);
            }
            return new RunningNode(store, Stores.describe(where, data), aid, communities, node, data, key, port, peerWatch, lock, outbox);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * A warning when the sync index of {@code events} might take more than half of a heap of
     * {@code maxHeap} bytes: it is built in the heap on the first sync, and the launcher's heap is
     * sized for about two million events.
     */
    static java.util.Optional<String> heapWarning(long events, long maxHeap) {
        long need = events * SyncIndex.MAX_BYTES_PER_EVENT;
        if (need <= maxHeap / 2) return java.util.Optional.empty();
        return java.util.Optional.of(String.format(java.util.Locale.ROOT,
                "this node holds %,d events; its sync index (built on the first sync) may need up to %,d MB of heap, more than half of"
                        + " the %,d MB it has. Give it more heap, e.g. MUTUAL_JAVA_OPTS=\"-Xmx%dm -XX:+UseParallelGC\" ./mutual serve",
                events, need >> 20, maxHeap >> 20, Math.max(512, (need * 3) >> 20)));
    }

    /** The engine's configuration from the settings, with max-connections 0 sized for an empty store. */
    public static NodeConfig nodeConfig(Config c, SecretKey key) {
        return nodeConfig(c, key, MemoryFormula.of(c, 0, Runtime.getRuntime().maxMemory()).connections());
    }

    /** The engine's configuration from the settings, with {@code maxConnections} open connections in all. */
    static NodeConfig nodeConfig(Config c, SecretKey key, long maxConnections) {
        Limits limits = Limits.defaults().withMaxMessageBytes(c.get(NodeSettings.MAX_MESSAGE_BYTES));
        limits = new Limits(limits.maxMessageBytes(), limits.maxDepth(), limits.maxTags(), limits.maxTagElements(),
                limits.maxTagElementChars(), limits.maxContentChars(), limits.maxSubscriptionIdChars(), c.get(NodeSettings.MAX_FILTERS),
                limits.maxFilterValues());
        PolicyConfig policy = PolicyConfig.defaults()
                .withSizes(c.get(NodeSettings.MAX_EVENT_BYTES), c.get(NodeSettings.MAX_TAGS), c.get(NodeSettings.MAX_TAG_VALUE_CHARS))
                .withMaxFutureSeconds(c.get(NodeSettings.MAX_FUTURE_SECONDS))
                .withRates(rate(c.get(NodeSettings.EVENTS_PER_SECOND_PER_IP)), rate(c.get(NodeSettings.EVENTS_PER_SECOND_PER_PUBKEY)))
                .withPeerKeys(PeerKeys.parse(c.get(NodeSettings.PEER_KEYS)));
        RelayConfig relay = RelayConfig.defaults()
                .withMaxSubscriptions(c.get(NodeSettings.MAX_SUBSCRIPTIONS))
                .withMaxLimit(c.get(NodeSettings.MAX_LIMIT))
                .withMaxPendingBytes(c.get(NodeSettings.MAX_PENDING_OUTPUT_BYTES))
                .withMessageRate(rate(c.get(NodeSettings.MESSAGES_PER_SECOND_PER_CONNECTION)))
                .withMaxSyncRecords(c.get(NodeSettings.MAX_SYNC_RECORDS))
                .withMaxSyncSessions(c.get(NodeSettings.MAX_SYNC_SESSIONS))
                .withMaxEventsInFlight(c.get(NodeSettings.MAX_EVENTS_IN_FLIGHT))
                .withCapacity(Capacity.defaults().withMaxPendingBytesTotal(c.get(NodeSettings.MAX_PENDING_OUTPUT_BYTES_TOTAL))
                        .withMaxPendingInputTotal(c.get(NodeSettings.MAX_PENDING_INPUT_BYTES_TOTAL))
                        .withConnections((int) maxConnections, c.get(NodeSettings.MAX_CONNECTIONS_PER_IP)));
        NodeConfig.Builder b = NodeConfig.builder(key)
                .bindAddress(c.get(NodeSettings.BIND))
                .port(c.get(NodeSettings.PORT))
                .name(c.get(NodeSettings.NAME))
                .description(c.get(NodeSettings.DESCRIPTION))
                .version(Version.current())
                .limits(limits)
                .relay(relay)
                .policy(policy)
                .purgeInterval(Duration.ofSeconds(Math.max(1, c.get(NodeSettings.PURGE_INTERVAL_SECONDS))))
                .clientAddress(ClientAddress.of(c.get(NodeSettings.REAL_IP_HEADER), c.get(NodeSettings.TRUSTED_PROXIES)));
        String url = c.get(NodeSettings.PUBLIC_URL);
        if (!url.isBlank()) b.relayUrl(url);
        return b.build();
    }

    /** A sustained rate with bursts of ten times it; 0 means no limit. */
    private static Rate rate(int perSecond) {
        if (perSecond < 0) throw new IllegalArgumentException("a rate must not be negative");
        return perSecond == 0 ? Rate.unlimited() : new Rate(perSecond, perSecond * 10);
    }

    public int port() {
        return port;
    }

    public Node node() {
        return node;
    }

    /** What {@code serve} prints once the node listens. */
    public String banner() {
        String url = node.relayUrl().orElse("ws://127.0.0.1:" + port + "/");
        return "Mutual node " + Version.current() + " is running.\n"
                + "  relay    " + url + "\n"
                + "  node key " + Nip19.npub(key.publicKey()) + "\n"
                + "  data     " + dataDir + "\n"
                + "  store    " + storeName + " (" + store.size() + " events" + (store.leadership().leads() ? "" : "; another process leads") + ")\n"
                + "  peers    " + node.mesh().links().size() + " (DATA/peers.conf, --peer; see mutual peer list)\n"
                + "  info     " + url.replaceFirst("^ws", "http") + " (NIP-11), /healthz, /metrics, /api/listings\n"
                + "Stop with Ctrl-C.";
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            peerWatch.close();
            outbox.ifPresent(OutboxDelivery::close);
            aid.close();
            communities.close();
            node.close(); // stops accepting, commits what is queued, closes sockets
        } finally {
            store.close();
            lock.close();
        }
    }
}
