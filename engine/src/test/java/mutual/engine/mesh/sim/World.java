package mutual.engine.mesh.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventId;
import mutual.protocol.negentropy.NegentropyConfig;

/**
 * What every part of one simulation shares: virtual time, the network, the one random source
 * (every random choice of a run is drawn from it, in the order the run makes them), counters,
 * the ledger of acknowledged events and the settings drawn for this seed.
 */
final class World {
    final long seed;
    final VirtualTime time;
    final SplittableRandom random;
    final SimStats stats = new SimStats();
    final Ledger ledger = new Ledger();
    final SimNetwork network;
    /** Where each honest node keeps its events: the model, unless a mixed mesh is asked for ({@link StoreMix}). */
    NodeStore.Factory stores = NodeStore.Factory.MODEL;
    /** How often a live link reconciles again. */
    Duration syncInterval = Duration.ofSeconds(30);
    /** The negentropy settings of every node, both as initiator and as relay. */
    NegentropyConfig negentropy = NegentropyConfig.defaults();
    /** How long a write takes to commit; the listeners hear of it a little later still. */
    long writeMillisMax = 10;
    long notifyMillisMax = 3;
    /** Probability that the notifier falls behind (a slow listener), delaying live streaming. */
    double slowNotify = 0.03;
    long slowNotifyMillisMax = 2_000;
    /**
     * Draws for the pressure the nodes put on each other (queues that refuse, a busy ingest): a
     * source of its own, so that adding it left every earlier seed's story as it was.
     */
    final SplittableRandom pressure;
    /** EVENTs one incoming connection may have awaiting their OK; more are refused as {@code rate-limited:}. */
    int maxInFlightPerConnection = Integer.MAX_VALUE;
    /** Probability that a node's ingest turns an event from a peer or client away as busy. */
    double busy;
    /** Every event the honest nodes' clients made, by id (to tell, at the end, what an acknowledged id was). */
    final Map<EventId, Event> made = new HashMap<>();
    /** Events pushed over watched links, by "client>server" (see {@link #watch}). */
    private final Map<String, List<Event>> pushed = new HashMap<>();

    /** Starts recording the events {@code client} publishes to {@code server} and those it is sent by it. */
    void watch(String client, String server) {
        pushed.putIfAbsent(client + ">" + server, new ArrayList<>());
        pushed.putIfAbsent(client + "<" + server, new ArrayList<>());
    }

    /** {@code server} sent an EVENT to {@code client}; recorded when the pair is watched. */
    void pulled(String client, String server, Event e) {
        List<Event> l = pushed.get(client + "<" + server);
        if (l != null) l.add(e);
    }

    /** What {@code server} sent {@code client} over a watched link. */
    List<Event> pulledOver(String client, String server) {
        return pushed.getOrDefault(client + "<" + server, List.of());
    }

    /** An EVENT from {@code client} arrived at {@code server}; recorded when the pair is watched. */
    void pushed(String client, String server, Event e) {
        List<Event> l = pushed.get(client + ">" + server);
        if (l != null) l.add(e);
    }

    /** What {@code client} published to {@code server} over a watched link. */
    List<Event> pushedOver(String client, String server) {
        return pushed.getOrDefault(client + ">" + server, List.of());
    }

    /** Verification results by event: checking a signature is pure, so it is done once per distinct event. */
    private final Map<Event, Optional<String>> checked = new HashMap<>();

    World(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.pressure = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.time = new VirtualTime(20_000_000);
        this.network = new SimNetwork(time, random, stats);
    }

    /** {@link EventCheck#problem(Event)}, remembered. */
    Optional<String> problem(Event e) {
        return checked.computeIfAbsent(e, EventCheck::problem);
    }

    /** A random long in [0, bound], or 0 when bound is not positive. */
    long upTo(long bound) {
        return bound <= 0 ? 0 : random.nextLong(bound + 1);
    }

    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }
}
