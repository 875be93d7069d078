package mutual.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mutual.app.cli.ExitCodes;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual bench mesh [--events N,N...] [--work-dir DIR]
 * </pre>
 * Three node processes in a line, A - B - C (A and C name B as their peer; every setting at its
 * default, so a reconciliation comes only every 300 s): the same number of new events is
 * published at once to each node, dated up to ten minutes back, and the benchmark reports the
 * time until the last node holds the last event and the events the mesh moved per second (each
 * node takes the other two nodes' events), beside this machine's raw verify rate: every event a
 * node takes is verified once. Fresh nodes for each size.
 */
@Command(name = "mesh", mixinStandardHelpOptions = true,
        description = "Measure how fast a burst of events published at each node of a line of three reaches every node.")
public final class BenchMeshCommand implements Callable<Integer> {
    @Option(names = "--events", split = ",", defaultValue = "100,10000", description = "Events published at each node, one round per size (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--work-dir", description = "Where the nodes keep their data (default: a new temporary folder).")
    Path workDir;

    /** How long a round may take before it is reported as failed. */
    static final Duration GIVE_UP = Duration.ofMinutes(10);

    private record Round(int perNode, long publishedMillis, long[] completeMillis) {
        long lastMillis() {
            return java.util.Arrays.stream(completeMillis).max().orElse(-1);
        }

        /** Each node takes the other two nodes' events. */
        long moved() {
            return 6L * perNode;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mutual-bench-mesh-");
        List<Event> sample = sign(2000, 1, System.currentTimeMillis() / 1000);
        VerifyRate raw = VerifyRate.measure(sample, Duration.ofSeconds(3));
        say("Raw Schnorr verify: %,.0f/s on one core, %,.0f/s on all cores", raw.perCore(), raw.allCores());
        List<Round> rounds = new ArrayList<>();
        for (int n : sizes) rounds.add(round(dir.resolve("n" + n), n));
        System.out.println();
        System.out.println("| events at each node | all OKs at their node | last node complete | A / B / C complete | events moved | moved per second | ÷ raw verify per core |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Round r : rounds) {
            double perSecond = r.moved() / (r.lastMillis() / 1000.0);
            System.out.printf(Locale.ROOT, "| %,d | %.2f s | %.2f s | %.2f / %.2f / %.2f s | %,d | %,.0f | %.3f |%n", r.perNode, r.publishedMillis / 1000.0,
                    r.lastMillis() / 1000.0, r.completeMillis[0] / 1000.0, r.completeMillis[1] / 1000.0, r.completeMillis[2] / 1000.0,
                    r.moved(), perSecond, perSecond / raw.perCore());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Times from the first EVENT sent. Raw verify %,.0f/s per core in this run; 2 nodes' worth of events reach each node.%n", raw.perCore());
        return ExitCodes.OK;
    }

    private Round round(Path dir, int perNode) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        say("Signing 3 × %,d events (one author each, dated up to ten minutes back)…", perNode);
        List<List<Event>> bursts = List.of(sign(perNode, 1, now), sign(perNode, 2, now), sign(perNode, 3, now));
        try (NodeProcess b = NodeProcess.start(dir.resolve("b"), List.of());
             NodeProcess a = NodeProcess.start(dir.resolve("a"), List.of("--peer", b.url() + "/"));
             NodeProcess c = NodeProcess.start(dir.resolve("c"), List.of("--peer", b.url() + "/"))) {
            a.awaitLivePeers(Duration.ofSeconds(60));
            c.awaitLivePeers(Duration.ofSeconds(60));
            List<NodeProcess> nodes = List.of(a, b, c);
            say("Publishing %,d events at each of A, B and C at once…", perNode);
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> publishing = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                NodeProcess n = nodes.get(i);
                List<Event> burst = bursts.get(i);
                publishing.add(CompletableFuture.runAsync(() -> n.publishAtOnce(burst)));
            }
            long expected = 3L * perNode;
            long[] complete = {-1, -1, -1};
            long publishedMillis = -1;
            List<RelayClient> counters = new ArrayList<>();
            for (NodeProcess n : nodes) counters.add(RelayClient.connect(n.url(), Duration.ofSeconds(10)));
            try {
                long last = -1;
                while (complete[0] < 0 || complete[1] < 0 || complete[2] < 0) {
                    long elapsed = (System.nanoTime() - t0) / 1_000_000;
                    if (elapsed > GIVE_UP.toMillis()) throw new IllegalStateException("the mesh did not converge within " + GIVE_UP.toMinutes() + " minutes");
                    if (publishedMillis < 0 && publishing.stream().allMatch(CompletableFuture::isDone)) {
                        CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new)).join(); // rethrows a refusal
                        publishedMillis = elapsed;
                    }
                    long[] counts = new long[3];
                    for (int i = 0; i < 3; i++) {
                        if (complete[i] >= 0) continue;
                        counts[i] = counters.get(i).count("c", List.of(Filter.builder().tag('t', "bench-mesh").build())).get(30, TimeUnit.SECONDS);
                        if (counts[i] >= expected) complete[i] = (System.nanoTime() - t0) / 1_000_000;
                    }
                    if (elapsed / 5000 != last) {
                        last = elapsed / 5000;
                        say("  %5.1f s: A %,d  B %,d  C %,d of %,d", elapsed / 1000.0, complete[0] >= 0 ? expected : counts[0],
                                complete[1] >= 0 ? expected : counts[1], complete[2] >= 0 ? expected : counts[2], expected);
                    }
                    Thread.sleep(20);
                }
                if (publishedMillis < 0) {
                    CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new)).join();
                    publishedMillis = (System.nanoTime() - t0) / 1_000_000;
                }
            } finally {
                counters.forEach(RelayClient::close);
            }
            Round r = new Round(perNode, publishedMillis, complete);
            say("  every node holds all %,d events after %.2f s", expected, r.lastMillis() / 1000.0);
            return r;
        }
    }

    /** Kind 1 notes tagged {@code bench-mesh}, one author each, signed on all cores. */
    private static List<Event> sign(int count, long seed, long now) {
        Event[] out = new Event[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            out[i] = EventBuilder.create(1, now - r.nextInt(600)).tag("t", "bench-mesh")
                    .content("mesh bench " + seed + "/" + i + " " + Long.toHexString(r.nextLong())).sign(SecretKey.generate(r));
        });
        return List.of(out);
    }

    private static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
