package mutual.engine.mesh.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import mutual.engine.mesh.Connector;
import mutual.engine.mesh.PeerChannel;

/**
 * The simulated network between nodes, with TCP-like connections. A connection delivers each
 * direction in order, each message after a random delay; messages on different connections
 * overtake each other freely. A lost message is not silently skipped (TCP would retransmit it):
 * it cuts the whole connection at the moment it would have arrived, and both ends learn that the
 * connection is gone, as a reset or a timeout would tell them.
 *
 * <p>A partition puts every node on a side; nodes on different sides cannot connect, and
 * connections across a new cut are dropped. Connecting to a node that is down is refused after
 * a round trip; connecting across a cut times out after {@link #CONNECT_TIMEOUT_MILLIS}.
 */
final class SimNetwork {
    static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final VirtualTime time;
    private final SplittableRandom random;
    private final SimStats stats;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Integer> sides = new LinkedHashMap<>();
    private final Set<SimConnection> open = new LinkedHashSet<>();
    private long nextConnectionId;
    /** Where a debugging run sees every message; null normally. */
    java.util.function.Consumer<String> log;

    /** Probability that a message is lost, cutting its connection. */
    double loss;
    /** Probability that a connection attempt to a reachable, running node fails anyway. */
    double connectFailure;
    long minDelayMillis = 1;
    long jitterMillis = 50;
    /** Probability of a delay spike (a stalled route or a full buffer) on one message. */
    double spike;
    long spikeMillis = 3_000;

    SimNetwork(VirtualTime time, SplittableRandom random, SimStats stats) {
        this.time = time;
        this.random = random;
        this.stats = stats;
    }

    VirtualTime time() {
        return time;
    }

    SimStats stats() {
        return stats;
    }

    java.util.function.Consumer<String> log() {
        return log;
    }

    void add(Endpoint e) {
        endpoints.put(e.url(), e);
        sides.put(e.url(), 0);
    }

    /** What a node's mesh connects with. */
    Connector connectorFor(Endpoint from) {
        return url -> connect(from, url);
    }

    CompletableFuture<PeerChannel> connect(Endpoint from, String url) {
        CompletableFuture<PeerChannel> result = new CompletableFuture<>();
        int incarnation = from.incarnation();
        stats.connects++;
        time.after(delay() + delay(), () -> {
            Endpoint to = endpoints.get(url);
            if (!from.isUp() || from.incarnation() != incarnation) {
                fail(result, "the connecting node went down");
            } else if (to == null || !reachable(from, to)) {
                time.after(CONNECT_TIMEOUT_MILLIS, () -> fail(result, "connect timed out: " + url));
            } else if (!to.isUp()) {
                fail(result, "connection refused: " + url);
            } else if (random.nextDouble() < connectFailure) {
                fail(result, "connection reset during the handshake: " + url);
            } else {
                SimConnection c = new SimConnection(this, ++nextConnectionId, from, to);
                open.add(c);
                c.attach(to.accept(c));
                result.complete(c.clientEnd());
            }
        });
        return result;
    }

    private void fail(CompletableFuture<PeerChannel> result, String why) {
        stats.connectFailures++;
        result.completeExceptionally(new IOException(why));
    }

    boolean reachable(Endpoint a, Endpoint b) {
        return sides.get(a.url()).equals(sides.get(b.url()));
    }

    /** A delay for one message: mostly small and varied, sometimes a long stall. */
    long delay() {
        long d = minDelayMillis + (jitterMillis > 0 ? random.nextLong(jitterMillis + 1) : 0);
        if (spike > 0 && random.nextDouble() < spike) d += random.nextLong(spikeMillis + 1);
        return d;
    }

    /** Whether the next message is lost. */
    boolean lose() {
        return loss > 0 && random.nextDouble() < loss;
    }

    /** Puts each node on a side (absent nodes on side 0) and cuts connections across sides. */
    void partition(Map<String, Integer> sideByUrl) {
        for (String url : sides.keySet()) sides.put(url, sideByUrl.getOrDefault(url, 0));
        for (SimConnection c : List.copyOf(open)) {
            if (!reachable(c.client(), c.server())) c.cut("the network was partitioned");
        }
    }

    void heal() {
        for (String url : sides.keySet()) sides.put(url, 0);
    }

    /** Cuts every connection of {@code e}, as its crash would. */
    void cutAll(Endpoint e) {
        for (SimConnection c : List.copyOf(open)) {
            if (c.client() == e || c.server() == e) c.cut(e.name() + " went down");
        }
    }

    /** Cuts one open connection chosen at random, if any. */
    void cutOne(String why) {
        if (open.isEmpty()) return;
        List<SimConnection> all = new ArrayList<>(open);
        all.get(random.nextInt(all.size())).cut(why);
    }

    void closed(SimConnection c) {
        open.remove(c);
    }

    List<Endpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }
}
