package mutual.app.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mutual.app.bench.NodeProcess;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes peered in a line, A — B — C (B names both neighbours with --peer; A and C
 * know no one): each takes its own events, all converge through B; C is killed (SIGKILL) and
 * restarted on its address while A and B keep taking events, and all converge again.
 */
class LineOfNodesTest {
    /** Frequent reconciliations, to heal a killed node quickly; every limit at its default. */
    private static final List<String> FAST = List.of("--sync-interval-seconds", "3");

    @TempDir
    Path dir;

    private final List<NodeProcess> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (NodeProcess p : running) p.close();
    }

    private NodeProcess start(String name, int port, List<String> peers) throws Exception {
        return start(name, port, peers, FAST);
    }

    private NodeProcess start(String name, int port, List<String> peers, List<String> settings) throws Exception {
        List<String> args = new ArrayList<>(settings);
        for (String p : peers) args.addAll(List.of("--peer", p));
        NodeProcess p = NodeProcess.start(dir.resolve(name), port, args);
        running.add(p);
        return p;
    }

    private static void publish(NodeProcess node, SecretKey key, int n, long from) throws Exception {
        try (RelayClient c = RelayClient.connect(node.url(), Duration.ofSeconds(10))) {
            for (int i = 0; i < n; i++) {
                Event e = EventBuilder.create(1, from + i).content("line test " + key.publicKey().hex().substring(0, 8) + " " + (from + i)).sign(key);
                var ok = c.publish(e).get(10, TimeUnit.SECONDS);
                if (!ok.accepted()) throw new AssertionError("not accepted: " + ok);
            }
        }
    }

    private static long count(NodeProcess node) throws Exception {
        try (RelayClient c = RelayClient.connect(node.url(), Duration.ofSeconds(10))) {
            return c.count("n", List.of(Filter.builder().build())).get(10, TimeUnit.SECONDS);
        }
    }

    private static void converge(long expected, NodeProcess... nodes) throws Exception {
        converge(expected, Duration.ofSeconds(60), nodes);
    }

    private static void converge(long expected, Duration within, NodeProcess... nodes) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long[] counts = new long[nodes.length];
        while (true) {
            boolean all = true;
            for (int i = 0; i < nodes.length; i++) {
                counts[i] = count(nodes[i]);
                all &= counts[i] == expected;
            }
            if (all) return;
            if (System.nanoTime() > deadline)
                throw new AssertionError("no convergence on " + expected + " events within " + within.toSeconds() + " s: counts "
                        + java.util.Arrays.toString(counts));
            Thread.sleep(200);
        }
    }

    /**
     * 100 events, one author each and dated up to ten minutes back, published at once to each
     * node of A - B - C, where A and C name B as their peer and everything else is at its default
     * (a reconciliation every 300 s): only the live stream can carry them in time, through B.
     */
    @Test
    void aBurstAtEachNodeOfALineReachesEveryNodeWithinSecondsAtTheDefaults() throws Exception {
        NodeProcess b = start("b", 0, List.of(), List.of());
        NodeProcess a = start("a", 0, List.of(b.url() + "/"), List.of());
        NodeProcess c = start("c", 0, List.of(b.url() + "/"), List.of());
        a.awaitLivePeers(Duration.ofSeconds(30));
        c.awaitLivePeers(Duration.ofSeconds(30));
        Random r = new Random(15);
        long now = System.currentTimeMillis() / 1000;
        long t0 = System.nanoTime();
        List<Thread> publishers = new ArrayList<>();
        for (NodeProcess n : List.of(a, b, c)) {
            List<Event> burst = new ArrayList<>();
            for (int i = 0; i < 100; i++)
                burst.add(EventBuilder.create(1, now - r.nextInt(600)).tag("t", "burst").content("burst " + i + " to " + n.url()).sign(SecretKey.generate(r)));
            publishers.add(Thread.ofVirtual().start(() -> n.publishAtOnce(burst)));
        }
        for (Thread p : publishers) p.join();
        converge(300, Duration.ofSeconds(30), a, b, c);
        System.out.printf("a burst of 3 x 100 events reached all three nodes of the line in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void aLineOfNodesConvergesAndHealsAfterOneIsKilledAndRestarted() throws Exception {
        Random seeds = new Random(42);
        SecretKey ka = SecretKey.generate(seeds), kb = SecretKey.generate(seeds), kc = SecretKey.generate(seeds);
        long t = System.currentTimeMillis() / 1000 - 10_000;
        int portC = NodeProcess.freePort();
        NodeProcess a = start("a", 0, List.of());
        NodeProcess c = start("c", portC, List.of());
        publish(a, ka, 30, t);
        publish(c, kc, 30, t);
        NodeProcess b = start("b", 0, List.of(a.url() + "/", c.url() + "/"));
        publish(b, kb, 30, t);
        converge(90, a, b, c);

        c.kill(); // no shutdown: a crash
        running.remove(c);
        publish(a, ka, 20, t + 100);
        publish(b, kb, 20, t + 100);
        NodeProcess c2 = start("c", portC, List.of());
        publish(c2, kc, 10, t + 100);
        converge(140, a, b, c2);
        assertEquals(140, count(c2));
    }
}
