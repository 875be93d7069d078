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
    private static final List<String> FAST = List.of("--events-per-second-per-ip", "0", "--events-per-second-per-pubkey", "0",
            "--messages-per-second-per-connection", "0", "--sync-interval-seconds", "3");

    @TempDir
    Path dir;

    private final List<NodeProcess> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (NodeProcess p : running) p.close();
    }

    private NodeProcess start(String name, int port, List<String> peers) throws Exception {
        List<String> args = new ArrayList<>(FAST);
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long[] counts = new long[nodes.length];
        while (true) {
            boolean all = true;
            for (int i = 0; i < nodes.length; i++) {
                counts[i] = count(nodes[i]);
                all &= counts[i] == expected;
            }
            if (all) return;
            if (System.nanoTime() > deadline)
                throw new AssertionError("no convergence on " + expected + " events: counts " + java.util.Arrays.toString(counts));
            Thread.sleep(200);
        }
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
