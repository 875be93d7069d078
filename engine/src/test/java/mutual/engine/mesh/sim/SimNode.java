package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import mutual.engine.ingest.IngestListener;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.mesh.LocalNode;
import mutual.engine.mesh.Mesh;
import mutual.engine.mesh.PeerSpec;
import mutual.engine.sync.SyncSession;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.VectorStorage;

/**
 * An honest node: a durable store that survives crashes (the model or a real store, {@link
 * NodeStore}, as the run's {@link World#stores} gives it), one ingest path, a relay side for
 * incoming connections ({@link HonestSession}) and the real {@link Mesh} with its configured
 * peers, started afresh on every restart over the same store.
 *
 * <p>Ingest is modelled as on a real node: verification, then a write that commits after a short
 * delay (writes commit in submission order), the submitter's future completing at the commit,
 * and the listeners (live subscriptions, the mesh) hearing of the event a little later, in commit
 * order. A crash loses writes not yet committed, and the notifications not yet made; it fails
 * their futures. Nothing acknowledged is ever lost from the store.
 */
final class SimNode implements Endpoint {
    private final World world;
    private final String name;
    private final String url;
    private final NodeStore store;
    private final List<PeerSpec> peers = new ArrayList<>();
    private Life life;
    private int incarnation;

    SimNode(World world, String name) {
        this.world = world;
        this.name = name;
        this.url = "ws://" + name + ".sim/";
        this.store = world.stores.open(world, name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean isUp() {
        return life != null;
    }

    @Override
    public int incarnation() {
        return incarnation;
    }

    void addPeer(PeerSpec spec) {
        peers.add(spec);
    }

    /** Removes the peer at {@code url} from the configuration, as an operator would at runtime. */
    void removePeer(String url) {
        peers.removeIf(p -> p.url().equals(url));
        if (life != null) life.mesh.apply(peers);
    }

    /** Configures {@code spec} for its URL, in place of any spec there, and applies it. */
    void setPeer(PeerSpec spec) {
        int i = 0;
        while (i < peers.size() && !peers.get(i).url().equals(spec.url())) i++;
        if (i < peers.size()) peers.set(i, spec);
        else peers.add(spec);
        if (life != null) life.mesh.apply(peers);
    }

    World world() {
        return world;
    }

    List<PeerSpec> peers() {
        return List.copyOf(peers);
    }

    /** What this node has stored, by id. */
    NavigableMap<EventId, Event> stored() {
        return store.events();
    }

    /** The durable store, with its replaceable and deletion rules: the model, or a real store. */
    NodeStore store() {
        return store;
    }

    /** The running mesh, or null while down. */
    Mesh mesh() {
        return life == null ? null : life.mesh;
    }

    /** The ingest path of the running node; while down, nothing is accepted. */
    LocalNode local() {
        return life;
    }

    void start() {
        if (life != null) return;
        incarnation++;
        life = new Life(incarnation);
        life.addListener((event, source) -> {
            for (HonestSession s : List.copyOf(life.sessions)) s.live(event);
        });
        life.mesh = new Mesh(life, world.network.connectorFor(this), world.time, world.syncInterval, new SplittableRandom(world.random.nextLong()));
        life.mesh.apply(peers);
    }

    /** Goes down at once: the mesh stops, connections drop, writes in flight are lost. */
    void crash() {
        Life dying = life;
        if (dying == null) return;
        life = null;
        dying.die();
        world.network.cutAll(this);
        store.crashed();
    }

    @Override
    public ServerSession accept(SimConnection connection) {
        HonestSession s = new HonestSession(this, life, connection);
        life.sessions.add(s);
        return s;
    }

    NegentropyConfig negentropy() {
        return world.negentropy;
    }

    SimStats stats() {
        return world.stats;
    }

    /** The reconciliation set for {@code filter} as it is now: every stored match but gift wraps. */
    VectorStorage set(Filter filter) {
        return store.set(filter);
    }

    /** Stored events matching {@code filter}, in id order. */
    List<Event> query(Filter filter) {
        return store.query(filter);
    }

    /** One run of the node, from a start to a crash: what a restart begins afresh. */
    final class Life implements LocalNode {
        final int number;
        final List<IngestListener> listeners = new ArrayList<>();
        final Set<HonestSession> sessions = new LinkedHashSet<>();
        final Map<EventId, CompletableFuture<Outcome>> writing = new LinkedHashMap<>();
        Mesh mesh;
        boolean alive = true;
        private long lastCommitAt;
        private long lastNotifyAt;

        Life(int number) {
            this.number = number;
        }

        @Override
        public SyncSession set(Filter filter) {
            return new SyncSession.Filtered(SimNode.this.set(filter), world.negentropy);
        }

        @Override
        public Optional<Event> get(EventId id) {
            return store.get(id);
        }

        @Override
        public void addListener(IngestListener listener) {
            listeners.add(listener);
        }

        @Override
        public CompletableFuture<Outcome> submit(Event event, Source source) {
            if (!alive) return CompletableFuture.failedFuture(new IllegalStateException(name + " is down"));
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            EventId id = event.id();
            Optional<String> problem = world.problem(event);
            if (problem.isPresent()) {
                world.stats.forgeriesRejected++;
                world.time.after(world.upTo(2), () -> f.complete(new Outcome.Rejected(id, Prefix.INVALID, problem.get())));
                return f;
            }
            Optional<Outcome> refused = store.refusal(event);
            if (refused.isPresent()) {
                world.time.after(world.upTo(2), () -> acknowledge(f, refused.get(), source));
                return f;
            }
            if (!(source instanceof Source.Local) && world.pressure.nextDouble() < world.busy) { // a full queue, as a real node's ingest answers it
                world.stats.refusedBusy++;
                world.time.after(world.upTo(2), () -> acknowledge(f, new Outcome.Rejected(id, Prefix.RATE_LIMITED, "the node is busy writing; try again shortly"), source));
                return f;
            }
            CompletableFuture<Outcome> first = writing.get(id);
            if (first != null) { // the same event is being written: its commit answers both
                first.whenComplete((o, t) -> {
                    if (t != null) f.completeExceptionally(t);
                    else acknowledge(f, o instanceof Outcome.Stored ? new Outcome.AlreadyHave(id, "have it") : o, source);
                });
                return f;
            }
            writing.put(id, f);
            lastCommitAt = Math.max(lastCommitAt, world.time.millis() + 1 + world.upTo(world.writeMillisMax));
            world.time.at(lastCommitAt, () -> commit(event, source, f));
            return f;
        }

        private void commit(Event event, Source source, CompletableFuture<Outcome> f) {
            if (!alive) return;
            writing.remove(event.id());
            Outcome o = store.write(event); // refused if a newer version or a deletion committed meanwhile
            if (!(o instanceof Outcome.Stored)) {
                acknowledge(f, o, source);
                return;
            }
            world.stats.stored++;
            acknowledge(f, o, source);
            long lag = world.chance(world.slowNotify) ? world.upTo(world.slowNotifyMillisMax) : world.upTo(world.notifyMillisMax);
            lastNotifyAt = Math.max(lastNotifyAt, world.time.millis() + lag);
            world.time.at(lastNotifyAt, () -> {
                if (!alive) return;
                for (IngestListener l : List.copyOf(listeners)) l.onAccepted(event, source);
            });
        }

        private void acknowledge(CompletableFuture<Outcome> f, Outcome o, Source source) {
            if (!alive) {
                f.completeExceptionally(new IllegalStateException(name + " went down"));
                return;
            }
            if (o instanceof Outcome.Rejected r && r.reason().equals(SimStore.DELETED)) world.stats.deletedRefused++;
            if (o instanceof Outcome.AlreadyHave h && h.reason().equals(SimStore.NEWER_HELD)) world.stats.olderVersions++;
            if (o.accepted()) world.ledger.acked(name, o.id(), source, world.time.millis());
            f.complete(o);
        }

        void die() {
            alive = false;
            world.stats.crashes++;
            mesh.close();
            IllegalStateException down = new IllegalStateException(name + " crashed");
            for (CompletableFuture<Outcome> f : List.copyOf(writing.values())) f.completeExceptionally(down);
            writing.clear();
            sessions.clear();
        }
    }
}
