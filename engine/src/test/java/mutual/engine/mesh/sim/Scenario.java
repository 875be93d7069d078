package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.mesh.Direction;
import mutual.engine.mesh.PeerSpec;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.NegentropyConfig;

/**
 * One seed's story. Everything is drawn from the seed: 6 to 10 nodes, a minority of them liars;
 * a connected topology of honest links (a ring plus random chords, each link configured on one
 * side, both directions, every event) with each liar linked from a few honest nodes; network and
 * disk timings; then a chaos phase in which honest nodes publish while messages are lost and
 * delayed, the network partitions, connections drop and nodes crash and restart; then the heal:
 * no more loss, one network, every node up, for long enough that every backoff has run out and
 * every link has reconciled several times.
 *
 * <p>Drawn per seed as well: versions of replaceable and addressable events of one author sent
 * to different nodes, NIP-09 deletions of some notes, links with a direction (UP, DOWN) or a
 * kind 1 filter beside the backbone, a {@link #leaf} node linked to the backbone by such links
 * only, and runtime peer changes ({@code Mesh.apply}) that drop or narrow a link and put it back.
 * Drawn from the seed's own pressure source: a bound on the EVENTs one connection may have
 * awaiting their OK (more are refused as {@code rate-limited:}, and must be retried) and an ingest
 * that is now and then too busy to take an event. Near the end of the heal, a calm burst of
 * events (half of them dated hours back, as a slow clock or an import would date them) must
 * reach every backbone node within {@link #PROMPT_MILLIS}: well inside a sync interval, so only
 * the live stream can carry them in time.
 *
 * <p>Not modelled: gift wraps, NIP-62 vanish requests, deletions by address ({@code a} tags) and
 * expiration.
 */
final class Scenario {
    static final long MINUTE = 60_000;
    /** How long the healed network runs before the invariants are checked. */
    static final long HEAL_MILLIS = 15 * MINUTE;
    /** How long an event of the calm burst may take to reach every backbone node. */
    static final long PROMPT_MILLIS = 8_000;
    /** Events of the calm burst that had not reached every backbone node in time, described. */
    final List<String> late = new ArrayList<>();

    final World world;
    final List<SimNode> honest = new ArrayList<>();
    final List<LiarNode> liars = new ArrayList<>();
    /** Honest-to-honest links, as (initiator, peer) pairs. */
    final List<SimNode[]> links = new ArrayList<>();
    /** Links beyond the backbone with a direction or a filter, configured on their first node; also in {@link #links}. */
    final List<ExtraLink> extras = new ArrayList<>();
    /** Peers removed or changed at runtime and not yet put back, by node: put back at the latest at the heal. */
    private final Map<SimNode, List<PeerSpec>> removed = new LinkedHashMap<>();
    final long chaosMillis;
    /**
     * In a quarter of the seeds, one honest node left out of the backbone and linked to it only
     * by links with a random direction and filter: what it must end with is what can flow to it
     * ({@link Flows}). Null in the other seeds.
     */
    SimNode leaf;
    /** Whether this seed publishes versions of replaceable and addressable events, and deletions. */
    final boolean versions, deletions;
    /** The probability of losing a message during the chaos. */
    double loss;
    private boolean healed;
    /** The community whose members act on different nodes during the chaos. */
    SimCommunity community;

    Scenario(World world) {
        this.world = world;
        var r = world.random;
        int nodes = 6 + r.nextInt(5);
        int liarCount = r.nextInt(10) == 0 ? 0 : nodes >= 8 ? 1 + r.nextInt(2) : 1;
        for (int i = 0; i < nodes - liarCount; i++) honest.add(new SimNode(world, "h" + i));
        for (int i = 0; i < liarCount; i++) liars.add(new LiarNode(world, "liar" + i));
        for (SimNode n : honest) world.network.add(n);
        for (LiarNode l : liars) world.network.add(l);
        settings();
        topology();
        chaosMillis = (10 + r.nextInt(16)) * MINUTE;
        versions = r.nextInt(2) == 0;
        deletions = r.nextInt(2) == 0;
    }

    /** A link with a direction or filter, from the node that configures it to its peer. */
    record ExtraLink(SimNode from, SimNode to, PeerSpec spec) {}

    private void settings() {
        var r = world.random;
        int[] frames = {0, NegentropyConfig.MIN_FRAME_SIZE_LIMIT, 200_000};
        world.negentropy = NegentropyConfig.defaults().withFrameSizeLimit(frames[r.nextInt(frames.length)]);
        SimNetwork net = world.network;
        double[] losses = {0, 0.001, 0.003, 0.01, 0.03};
        net.loss = losses[r.nextInt(losses.length)];
        net.connectFailure = Math.min(0.3, net.loss * 5);
        loss = net.loss;
        net.minDelayMillis = 1 + r.nextInt(20);
        net.jitterMillis = r.nextInt(200);
        double[] spikes = {0, 0.002, 0.01};
        net.spike = spikes[r.nextInt(spikes.length)];
        net.spikeMillis = 500 + r.nextInt(9_500);
        world.writeMillisMax = 1 + r.nextInt(20);
        world.notifyMillisMax = r.nextInt(5);
        double[] slow = {0, 0.02, 0.1};
        world.slowNotify = slow[r.nextInt(slow.length)];
        var p = world.pressure;
        int[] inFlight = {Integer.MAX_VALUE, 64, 16};
        world.maxInFlightPerConnection = inFlight[p.nextInt(inFlight.length)];
        double[] busy = {0, 0.005, 0.02};
        world.busy = busy[p.nextInt(busy.length)];
    }

    private void topology() {
        var r = world.random;
        if (honest.size() >= 4 && r.nextInt(4) == 0) leaf = honest.get(r.nextInt(honest.size()));
        List<SimNode> backbone = backbone();
        List<SimNode> ring = new ArrayList<>(backbone);
        for (int i = ring.size() - 1; i > 0; i--) ring.set(i, ring.set(r.nextInt(i + 1), ring.get(i)));
        Set<String> linked = new LinkedHashSet<>();
        for (int i = 0; i < ring.size(); i++) link(ring.get(i), ring.get((i + 1) % ring.size()), linked);
        int chords = r.nextInt(backbone.size());
        for (int i = 0; i < chords; i++) link(backbone.get(r.nextInt(backbone.size())), backbone.get(r.nextInt(backbone.size())), linked);
        if (leaf != null) leafLinks(linked);
        if (r.nextInt(2) == 0) extraLinks(linked);
        for (LiarNode l : liars) {
            int k = 1 + r.nextInt(3);
            for (int i = 0; i < k; i++) {
                SimNode h = honest.get(r.nextInt(honest.size()));
                if (linked.add(h.name() + "-" + l.name())) h.addPeer(PeerSpec.of(l.url()));
                l.addTarget(h.url());
            }
            l.addTarget(honest.get(r.nextInt(honest.size())).url());
        }
    }

    /** The honest nodes but the {@link #leaf}: linked both ways for every event, so they must end with one set. */
    List<SimNode> backbone() {
        List<SimNode> b = new ArrayList<>(honest);
        b.remove(leaf);
        return b;
    }

    /** Links the {@link #leaf} to one or two backbone nodes, each link with a random direction and filter, on either side. */
    private void leafLinks(Set<String> linked) {
        var r = world.random;
        List<SimNode> backbone = backbone();
        int k = 1 + r.nextInt(2);
        for (int i = 0; i < k; i++) {
            SimNode b = backbone.get(r.nextInt(backbone.size()));
            boolean fromLeaf = r.nextBoolean();
            extraLink(fromLeaf ? leaf : b, fromLeaf ? b : leaf, linked);
        }
    }

    /** One link with a random direction and filter (all events or kind 1), configured on {@code a}, when the pair is not linked yet. */
    private void extraLink(SimNode a, SimNode b, Set<String> linked) {
        var r = world.random;
        Direction d = Direction.values()[r.nextInt(Direction.values().length)];
        Filter f = r.nextBoolean() ? Filter.builder().build() : Filter.builder().kinds(1).build();
        if (a == b || !linked.add(a.name().compareTo(b.name()) < 0 ? a.name() + "-" + b.name() : b.name() + "-" + a.name())) return;
        PeerSpec spec = new PeerSpec(b.url(), f, d);
        a.addPeer(spec);
        links.add(new SimNode[] {a, b});
        extras.add(new ExtraLink(a, b, spec));
        world.watch(a.name(), b.name());
    }

    /**
     * Adds one to three links between honest nodes not yet linked, each UP, DOWN or BOTH and for
     * every event or kind 1 only. The backbone stays both ways for every event, so the honest nodes
     * must still converge to one set; {@link Invariants} checks that these links respect their spec.
     */
    private void extraLinks(Set<String> linked) {
        var r = world.random;
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) extraLink(honest.get(r.nextInt(honest.size())), honest.get(r.nextInt(honest.size())), linked);
    }

    /** Links two honest nodes once, configured on a side chosen at random. */
    private void link(SimNode a, SimNode b, Set<String> linked) {
        if (a == b) return;
        String key = a.name().compareTo(b.name()) < 0 ? a.name() + "-" + b.name() : b.name() + "-" + a.name();
        if (!linked.add(key)) return;
        SimNode from = world.chance(0.5) ? a : b, to = from == a ? b : a;
        from.addPeer(PeerSpec.of(to.url()));
        links.add(new SimNode[] {from, to});
    }

    /** Schedules the whole run: starts, publishes, chaos, then the heal at {@link #chaosMillis}. */
    void schedule() {
        var r = world.random;
        VirtualTime time = world.time;
        for (SimNode n : honest) time.after(world.upTo(5_000), n::start);
        for (LiarNode l : liars) time.after(world.upTo(5_000), l::start);
        for (SimNode n : honest) {
            SecretKey author = SimEvents.key(r);
            int count = 5 + r.nextInt(21);
            for (int i = 0; i < count; i++) {
                String content = n.name() + " note " + i + " of seed " + world.seed;
                time.after(world.upTo(chaosMillis - 1), () -> publish(n, author, content));
            }
        }
        if (versions) scheduleVersions();
        community = SimCommunity.schedule(this);
        scheduleReconfigurations();
        List<Endpoint> everyone = world.network.endpoints();
        int crashes = r.nextInt(6);
        for (int i = 0; i < crashes; i++) {
            Endpoint victim = everyone.get(r.nextInt(everyone.size()));
            long down = 1_000 + world.upTo(4 * MINUTE);
            time.after(world.upTo(chaosMillis - 1), () -> {
                if (healed) return;
                crash(victim);
                time.after(down, () -> restart(victim));
            });
        }
        int partitions = r.nextInt(5);
        for (int i = 0; i < partitions; i++) {
            long lasts = 20_000 + world.upTo(5 * MINUTE);
            time.after(world.upTo(chaosMillis - 1), () -> {
                if (healed) return;
                partition(everyone);
                time.after(lasts, () -> world.network.heal());
            });
        }
        int drops = r.nextInt(20);
        for (int i = 0; i < drops; i++) {
            time.after(world.upTo(chaosMillis - 1), () -> {
                if (!healed) world.network.cutOne("the connection dropped");
            });
        }
        time.after(chaosMillis, this::heal);
        time.after(chaosMillis + HEAL_MILLIS - 3 * MINUTE, this::calmBurst);
    }

    /**
     * A burst on the healed network: each event to one backbone node, and a check, {@link
     * #PROMPT_MILLIS} later, that every backbone node holds it. Drawn from the pressure source.
     */
    private void calmBurst() {
        var p = world.pressure;
        List<SimNode> backbone = backbone();
        int count = 10 + p.nextInt(31);
        for (int i = 0; i < count; i++) {
            SimNode n = backbone.get(p.nextInt(backbone.size()));
            SecretKey author = SimEvents.key(p);
            long at = p.nextInt(2_000);
            boolean old = p.nextBoolean();
            String content = "calm burst " + i + " of seed " + world.seed;
            world.time.after(at, () -> {
                long now = world.time.epochSecond();
                Event e = SimEvents.note(author, old ? now - 3 * 3600 - p.nextInt(3600) : now, content, p);
                world.stats.burst++;
                submitLocally(n, e);
                long sent = world.time.millis();
                world.time.after(PROMPT_MILLIS, () -> {
                    List<String> lacking = backbone.stream().filter(b -> !b.stored().containsKey(e.id())).map(SimNode::name).toList();
                    if (lacking.isEmpty()) world.stats.burstOnTime++;
                    else late.add(e.id().hex().substring(0, 12) + " (to " + n.name() + " at " + sent + " ms, created_at "
                            + (old ? "hours back" : "now") + ") was not on " + lacking + " " + PROMPT_MILLIS + " ms later");
                });
            });
        }
    }

    /**
     * One author's replaceable (kinds 0 and 10002) and addressable (kind 30402, two {@code d} tags)
     * events: several versions of each address, published to different nodes at random times, some
     * with equal {@code created_at} (the lowest id wins).
     */
    private void scheduleVersions() {
        var r = world.random;
        SecretKey owner = SimEvents.key(r);
        long base = world.time.epochSecond();
        int count = 3 + r.nextInt(12);
        for (int i = 0; i < count; i++) {
            int which = r.nextInt(4);
            int kind = which == 0 ? 0 : which == 1 ? 10002 : 30402;
            List<Tag> tags = kind == 30402 ? List.of(Tag.of("d", "listing-" + (which - 2))) : List.of();
            long createdAt = base + r.nextInt(4);
            Event e = SimEvents.signed(owner, kind, createdAt, tags, "version " + i + " of seed " + world.seed, r);
            SimNode n = honest.get(r.nextInt(honest.size()));
            world.time.after(world.upTo(chaosMillis - 1), () -> {
                if (n.isUp()) submitLocally(n, e);
            });
        }
    }

    /**
     * Some nodes change their peers at runtime ({@link mutual.engine.mesh.Mesh#apply}): drop a
     * configured peer, or narrow it to kind 1 in some direction (links with a checked spec are
     * only dropped), and put the original back later, at the latest at the heal.
     */
    private void scheduleReconfigurations() {
        var r = world.random;
        if (r.nextInt(5) < 2) return;
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            SimNode n = honest.get(r.nextInt(honest.size()));
            List<PeerSpec> peers = n.peers();
            if (peers.isEmpty()) continue;
            PeerSpec spec = peers.get(r.nextInt(peers.size()));
            long at = world.upTo(chaosMillis - 1), away = world.upTo(5 * MINUTE);
            boolean change = r.nextBoolean();
            Direction direction = Direction.values()[r.nextInt(Direction.values().length)];
            world.time.after(at, () -> {
                if (healed || n.peers().stream().noneMatch(p -> p.equals(spec))) return;
                world.stats.reconfigurations++;
                boolean extra = extras.stream().anyMatch(x -> x.from() == n && x.spec().equals(spec));
                if (!extra && change) n.setPeer(new PeerSpec(spec.url(), Filter.builder().kinds(1).build(), direction));
                else n.removePeer(spec.url());
                removed.computeIfAbsent(n, k -> new ArrayList<>()).add(spec);
                world.time.after(away, () -> putBack(n, spec));
            });
        }
    }

    private void putBack(SimNode n, PeerSpec spec) {
        List<PeerSpec> l = removed.get(n);
        if (l == null || !l.remove(spec)) return;
        n.setPeer(spec);
    }

    private void publish(SimNode n, SecretKey author, String content) {
        if (!n.isUp()) return;
        long now = world.time.epochSecond();
        long createdAt = world.chance(0.3) ? now - world.upTo(6 * 3600) : now - world.upTo(5);
        Event e = SimEvents.note(author, createdAt, content, world.random);
        submitLocally(n, e);
        if (deletions && world.chance(0.15)) { // the author deletes it later, through some node
            SimNode via = world.chance(0.5) ? n : honest.get(world.random.nextInt(honest.size()));
            world.time.after(world.upTo(3 * MINUTE), () -> {
                if (healed || !via.isUp()) return;
                submitLocally(via, SimEvents.deletion(author, world.time.epochSecond(), e, world.random));
            });
        }
        if (world.chance(0.1)) { // the author's client sends it to a second node too
            SimNode other = honest.get(world.random.nextInt(honest.size()));
            world.time.after(world.upTo(2_000), () -> {
                if (other.isUp()) submitLocally(other, e);
            });
        }
    }

    void submitLocally(SimNode n, Event e) {
        world.stats.published++;
        world.made.put(e.id(), e);
        n.local().submit(e, new Source.Local("sim")).thenAccept(o -> {
            if (o instanceof Outcome.Stored || o instanceof Outcome.AlreadyHave) world.stats.publishedAcked++;
        });
    }

    private void partition(List<Endpoint> everyone) {
        int sides = 2 + world.random.nextInt(2);
        Map<String, Integer> side = new LinkedHashMap<>();
        for (Endpoint e : everyone) side.put(e.url(), world.random.nextInt(sides));
        world.stats.partitions++;
        world.network.partition(side);
    }

    private void crash(Endpoint e) {
        if (e instanceof SimNode n) n.crash();
        else if (e instanceof LiarNode l) l.crash();
    }

    private void restart(Endpoint e) {
        if (e instanceof SimNode n) n.start();
        else if (e instanceof LiarNode l) l.start();
    }

    /** The end of chaos: no loss, no stalls, no partitions, and every node running. */
    private void heal() {
        healed = true;
        SimNetwork net = world.network;
        net.loss = 0;
        net.connectFailure = 0;
        net.spike = 0;
        net.heal();
        for (SimNode n : honest) n.start();
        for (Map.Entry<SimNode, List<PeerSpec>> e : removed.entrySet())
            for (PeerSpec spec : List.copyOf(e.getValue())) putBack(e.getKey(), spec);
        for (LiarNode l : liars) l.start();
    }

    long endMillis() {
        return chaosMillis + HEAL_MILLIS;
    }
}
