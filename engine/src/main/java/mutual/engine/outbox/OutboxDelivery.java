package mutual.engine.outbox;

import io.micrometer.core.instrument.Counter;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import mutual.engine.Node;
import mutual.engine.ingest.IngestListener;
import mutual.engine.ingest.Source;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.dm.GiftWrap;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.relays.RelayList;
import mutual.store.EventStore;
import mutual.store.Viewer;

/**
 * The node's side of the outbox model (docs/protocol.md, "Relay lists"): listings, match steps,
 * community acts and private messages that reach this node from its own clients, and the node's
 * own suggestions and notices, are sent on to the relays their people name in their relay lists,
 * so that they reach people on other nodes without those nodes peering. The lists are the ones
 * this node holds. Planning runs on one thread off the notifier; sending on {@link Deliveries}.
 */
public final class OutboxDelivery implements IngestListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxDelivery.class.getName());
    private static final int MAX_PLANNED = 10_000;

    private final EventStore store;
    private final AddressGuard guard;
    private final Deliveries deliveries;
    private final Counter skipped, dropped;
    private final ThreadPoolExecutor planner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_PLANNED),
            Thread.ofPlatform().name("mutual-outbox").daemon(true).factory(), (task, pool) -> droppedPlan());

    private OutboxDelivery(EventStore store, AddressGuard guard, Deliveries deliveries, Node node) {
        this.store = store;
        this.guard = guard;
        this.deliveries = deliveries;
        this.skipped = Counter.builder("mutual.outbox.sends").tag("result", "not-allowed")
                .description("Events sent on to people's own relays, by outcome").register(node.meterRegistry());
        this.dropped = Counter.builder("mutual.outbox.sends").tag("result", "dropped").register(node.meterRegistry());
    }

    /**
     * Starts sending on what {@code node} accepts. {@code privateAddresses} lets lists name
     * loopback and private networks (a mesh on one machine or LAN); otherwise those are refused.
     */
    public static OutboxDelivery install(Node node, EventStore store, SecretKey nodeKey, InstantSource clock, boolean privateAddresses) {
        AddressGuard guard = new AddressGuard(privateAddresses, url -> node.isThisNode(url) || node.mesh().status().stream().anyMatch(p -> same(p.url(), url)));
        OutboxDelivery d = new OutboxDelivery(store, guard, new Deliveries(new RelaySender(nodeKey, clock), node.meterRegistry()), node);
        node.addListener(d);
        return d;
    }

    /**
     * People's relay lists as last read, for {@link #LISTS_FOR_MILLIS} at most: without it every
     * listing a client publishes costs a store query on top of its ingest. A new relay list or vanish
     * request of a person, from any source, forgets theirs at once.
     */
    private final Map<PubKey, CachedLists> cached = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PubKey, CachedLists> eldest) {
            return size() > MAX_CACHED_LISTS;
        }
    });
    static final int MAX_CACHED_LISTS = 10_000;
    static final long LISTS_FOR_MILLIS = 60_000;

    private record CachedLists(Destinations.Lists lists, long readAt) {}

    @Override
    public void onAccepted(Event e, Source source) {
        if (RelayList.isRelayList(e.kind()) || e.kind() == mutual.store.Refusals.VANISH) cached.remove(e.pubkey());
        if (!(source instanceof Source.Client || source instanceof Source.Local) || !carried(e.kind())) return;
        if (source.equals(Node.WRITTEN_ELSEWHERE)) return; // the process that took it sends it on
        planner.execute(() -> plan(e, source));
    }

    private static boolean carried(int k) {
        return k == GiftWrap.WRAP || k == AidKinds.MATCH || k == AidKinds.LISTING || k == 5 || (k >= 1403 && k <= 1406) || RelayList.isRelayList(k);
    }

    private void plan(Event e, Source source) {
        try {
            for (Map.Entry<String, String> d : Destinations.of(e, source, this::lists).entrySet()) {
                Optional<String> no = guard.problem(d.getKey());
                if (no.isPresent()) {
                    if (!no.get().startsWith("this node")) skipped.increment();
                    LOG.log(System.Logger.Level.DEBUG, "not sending " + e.id().hex() + " to " + d.getKey() + ": " + no.get());
                } else {
                    deliveries.add(d.getKey(), e);
                }
            }
        } catch (RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "could not plan where to send " + e.id().hex(), x);
        }
    }

    /** The newest relay lists of {@code who} on this node. */
    private Destinations.Lists lists(PubKey who) {
        long now = System.currentTimeMillis();
        CachedLists c = cached.get(who);
        if (c != null && now - c.readAt() < LISTS_FOR_MILLIS) return c.lists();
        Destinations.Lists read = read(who);
        cached.put(who, new CachedLists(read, now));
        return read;
    }

    private Destinations.Lists read(PubKey who) {
        List<Event> got = store.query(List.of(Filter.builder().kinds(RelayList.OUTBOX, RelayList.DM_INBOX).authors(who).limit(4).build()), Viewer.node(), 4);
        Optional<RelayList> out = newest(got, RelayList.OUTBOX), dm = newest(got, RelayList.DM_INBOX);
        return new Destinations.Lists(out.map(RelayList::read).orElse(List.of()), out.map(RelayList::write).orElse(List.of()),
                dm.map(RelayList::read).orElse(List.of()));
    }

    private static Optional<RelayList> newest(List<Event> events, int kind) {
        return events.stream().filter(e -> e.kind() == kind).findFirst().flatMap(RelayList::of); // the store answers newest first
    }

    private void droppedPlan() {
        dropped.increment();
    }

    /** How many sends wait (for tests and status). */
    public int queued() {
        return deliveries.queued() + planner.getQueue().size();
    }

    static boolean same(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String u) {
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    @Override
    public void close() {
        planner.shutdownNow();
        deliveries.close();
    }
}
