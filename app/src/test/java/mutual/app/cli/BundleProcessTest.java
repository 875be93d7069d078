package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mutual.app.bench.NodeProcess;
import mutual.engine.bundle.Checkpoints;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles beside real processes: a node running on the same folder, and an import killed mid-way. */
class BundleProcessTest {
    @TempDir Path dir;
    final long now = System.currentTimeMillis() / 1000;

    static List<Event> notes(SecretKey key, int n, long newest) {
        Event[] out = new Event[n];
        IntStream.range(0, n).parallel().forEach(i ->
                out[i] = EventBuilder.create(1, newest - n + i).tag("t", "tools").content("drill " + i + " to lend, ask me").sign(key));
        return List.of(out);
    }

    Path bundleOf(List<Event> events) {
        Path a = dir.resolve("a");
        try (SqliteStore s = SqliteStore.open(a)) {
            s.write(events);
        }
        Path file = dir.resolve("events.bundle");
        assertEquals(0, CliRun.of("bundle", "export", "--data", a.toString(), "-o", file.toString()).exitCode());
        return file;
    }

    @Test
    void anImportIntoTheFolderOfARunningNodeSharesTheDatabaseWithIt() throws Exception {
        SecretKey alice = SecretKey.generate(new Random(31)), bob = SecretKey.generate(new Random(32));
        Path file = bundleOf(notes(alice, 5000, now - 10));
        Path b = dir.resolve("b");
        List<Event> live = notes(bob, 500, now);
        try (NodeProcess node = NodeProcess.start(b, List.of("--events-per-second-per-ip", "0", "--events-per-second-per-pubkey", "0",
                "--messages-per-second-per-connection", "0"));
             RelayClient client = RelayClient.connect(node.url(), Duration.ofSeconds(10))) {
            AtomicInteger accepted = new AtomicInteger();
            Thread publisher = Thread.ofPlatform().start(() -> {
                for (Event e : live) {
                    if (client.publish(e).orTimeout(30, TimeUnit.SECONDS).join().accepted()) accepted.incrementAndGet();
                }
            });
            CliRun imp = CliRun.of("bundle", "import", file.toString(), "--data", b.toString(), "--quiet", "--json");
            publisher.join(60_000);

            assertEquals(0, imp.exitCode(), imp.err() + imp.out());
            assertTrue(imp.out().contains("\"stored\":5000,"), imp.out());
            assertEquals(500, accepted.get(), "the node kept taking events from its clients during the import");
            // The running node serves what the import wrote as soon as it is asked.
            long fromBundle = client.count("c1", List.of(Filter.builder().authors(alice.publicKey()).build())).get(10, TimeUnit.SECONDS);
            long fromClient = client.count("c2", List.of(Filter.builder().authors(bob.publicKey()).build())).get(10, TimeUnit.SECONDS);
            assertEquals(5000, fromBundle);
            assertEquals(500, fromClient);
        }
        try (SqliteStore s = SqliteStore.open(b)) {
            assertEquals(5500, s.size());
            assertEquals(java.util.Optional.empty(), s.integrityProblem());
        }
    }

    @Test
    void anImportKilledMidwayFinishesOnTheNextRun() throws Exception {
        Path file = bundleOf(notes(SecretKey.generate(new Random(41)), 20_000, now));
        Path b = dir.resolve("b");
        Process p = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "mutual.app.Main", "bundle", "import", file.toString(), "--data", b.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("first-run.log").toFile()).start();
        Path checkpoints = b.resolve("bundle-imports");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Killed once a checkpoint records finished lines: under load the first one saved may record none yet.
        while (System.nanoTime() < deadline && p.isAlive() && linesCheckpointed(checkpoints) == 0) Thread.sleep(20);
        assertTrue(p.isAlive(), "the first run should still be importing: " + Files.readString(dir.resolve("first-run.log")));
        assertTrue(linesCheckpointed(checkpoints) > 0, "no checkpoint with finished lines in 60 s");
        p.destroyForcibly(); // SIGKILL: no hook runs, no final checkpoint
        p.waitFor(30, TimeUnit.SECONDS);

        CliRun second = CliRun.of("bundle", "import", file.toString(), "--data", b.toString(), "--quiet", "--json");

        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(!second.out().contains("\"resumed_after\":0,"), second.out());
        long stored = number(second.out(), "stored"), duplicate = number(second.out(), "duplicate");
        assertEquals(20_000, stored + duplicate, second.out());
        try (SqliteStore s = SqliteStore.open(b)) {
            assertEquals(20_000, s.size());
        }
    }

    /** The most lines any checkpoint in {@code folder} records as finished (0 when there is none). */
    private static long linesCheckpointed(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) return 0;
        Checkpoints saved = Checkpoints.in(folder);
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .mapToLong(n -> saved.load(n.substring(0, n.length() - ".json".length())).map(Checkpoints.Checkpoint::lines).orElse(0L))
                    .max().orElse(0);
        }
    }

    private static long number(String json, String field) {
        var m = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Long.parseLong(m.group(1));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
