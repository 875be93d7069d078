package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.mesh.PeerSpec;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.negentropy.NegentropyConfig;

/**
 * One seed's story. Everything is drawn from the seed: 6 to 10 nodes, a minority of them liars;
 * a connected topology of honest links (a ring plus random chords, each link configured on one
 * side, both directions, every event) with each liar linked from a few honest nodes; network and
 * disk timings; then a chaos phase in which honest nodes publish while messages are lost and
 * delayed, the network partitions, connections drop and nodes crash and restart; then the heal:
 * no more loss, one network, every node up, for long enough that every backoff has run out and
 * every link has reconciled several times.
 */
final class Scenario {
    static final long MINUTE = 60_000;
    /** How long the healed network runs before the invariants are checked. */
    static final long HEAL_MILLIS = 15 * MINUTE;

    final World world;
    final List<SimNode> honest = new ArrayList<>();
    final List<LiarNode> liars = new ArrayList<>();
    /** Honest-to-honest links, as (initiator, peer) pairs. */
    final List<SimNode[]> links = new ArrayList<>();
    final long chaosMillis;
    /** The probability of losing a message during the chaos. */
    double loss;
    private boolean healed;

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
    }

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
    }

    private void topology() {
        var r = world.random;
        List<SimNode> ring = new ArrayList<>(honest);
        for (int i = ring.size() - 1; i > 0; i--) ring.set(i, ring.set(r.nextInt(i + 1), ring.get(i)));
        Set<String> linked = new LinkedHashSet<>();
        for (int i = 0; i < ring.size(); i++) link(ring.get(i), ring.get((i + 1) % ring.size()), linked);
        int chords = r.nextInt(honest.size());
        for (int i = 0; i < chords; i++) link(honest.get(r.nextInt(honest.size())), honest.get(r.nextInt(honest.size())), linked);
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
    }

    private void publish(SimNode n, SecretKey author, String content) {
        if (!n.isUp()) return;
        long now = world.time.epochSecond();
        long createdAt = world.chance(0.3) ? now - world.upTo(6 * 3600) : now - world.upTo(5);
        Event e = SimEvents.note(author, createdAt, content, world.random);
        submitLocally(n, e);
        if (world.chance(0.1)) { // the author's client sends it to a second node too
            SimNode other = honest.get(world.random.nextInt(honest.size()));
            world.time.after(world.upTo(2_000), () -> {
                if (other.isUp()) submitLocally(other, e);
            });
        }
    }

    private void submitLocally(SimNode n, Event e) {
        world.stats.published++;
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
        for (LiarNode l : liars) l.start();
    }

    long endMillis() {
        return chaosMillis + HEAL_MILLIS;
    }
}
