package mutual.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mutual.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual bench hostile [--seconds S] [--slow-readers N] [--connections N] [--big-events N]
 * </pre>
 * Drives the hostile loads of issue 17 against a fresh node process at its default settings
 * (256 MiB heap, rate limits on), round after round for the given time: clients that stop
 * reading while events of 250,000 characters are published, a flood of connections from one
 * address, and four answers of 300 such events asked for at once. Throughout, a fresh client
 * from another address publishes and reads back once a second; the report gives its latency,
 * the node's peak heap and private memory (RssAnon + PSS of mapped files), and whether it lived.
 */
@Command(name = "hostile", mixinStandardHelpOptions = true,
        description = "Hostile load against a node at its defaults: slow readers, connection floods, large answers; peak memory and a fresh client's latency.")
public final class BenchHostileCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "120", description = "How long to keep attacking (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--slow-readers", defaultValue = "30", description = "Clients that subscribe and stop reading, per round (default ${DEFAULT-VALUE}).")
    int slowReaders;

    @Option(names = "--connections", defaultValue = "2000", description = "Connections opened from one address, per round (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--big-events", defaultValue = "80", description = "Events of 250,000 characters published to the slow readers, per round (default ${DEFAULT-VALUE}).")
    int bigEvents;

    @Option(names = "--work-dir", description = "Where the node keeps its data (default: a new temporary folder).")
    Path workDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final int CHARS = 250_000;
    static final int STORED = 300;
    static final Duration FRESH_LIMIT = Duration.ofSeconds(10);

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mutual-hostile-");
        try (NodeProcess node = NodeProcess.start(dir.resolve("node"), List.of())) {
            Watch watch = new Watch(node);
            Thread watcher = Thread.ofPlatform().name("watch").daemon(true).start(watch::run);
            say("Node %s (pid %d) at its defaults; storing %d events of %,d characters for the large answers…", node.url(), node.pid(), STORED, CHARS);
            Hostile.publish(node.url(), STORED, CHARS, "big", 7);
            long start = System.nanoTime(), end = start + Duration.ofSeconds(seconds).toNanos();
            List<AutoCloseable> held = new ArrayList<>();
            for (int round = 1; System.nanoTime() < end && node.isAlive(); round++) {
                int slow = Hostile.slowReaders(node.url(), slowReaders, held);
                int stored = Hostile.publish(node.url(), bigEvents, CHARS, "slow", round);
                say("round %d: %d slow readers, %d of %d big events acknowledged", round, slow, stored, bigEvents);
                Hostile.closeAll(held);
                Hostile.Tally c = Hostile.connections(node.url(), connections, held);
                say("round %d: %d of %d connections from one address admitted, %d refused %s", round, c.ok(), connections, c.refused(), c.reasons());
                Hostile.closeAll(held);
                Hostile.Tally a = Hostile.largeAnswers(node.url(), 4, "big", STORED);
                say("round %d: %d of 4 answers of %d events (%,d MB each) whole %s", round, a.ok(), STORED, (long) STORED * CHARS / 1_000_000, a.reasons());
            }
            watch.stop.set(true);
            watcher.join();
            boolean alive = node.isAlive();
            say("");
            say("Over %d s: node %s; peak heap in use %d MiB of 256 (from /metrics, garbage not yet collected included), peak private memory %d MiB (RssAnon + PSS of files)",
                    (System.nanoTime() - start) / 1_000_000_000, alive ? "alive" : "EXITED with code " + node.exitValue(), watch.peakHeap.get() >> 20, watch.peakPrivate.get() >> 20);
            say("Fresh client (connect, publish, OK, read back by id), once a second: %d served, %d failed or over %d s; %s",
                    watch.latencies.count(), watch.failed.get(), FRESH_LIMIT.toSeconds(),
                    watch.latencies.count() == 0 ? "no latencies"
                            : String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                            watch.latencies.percentileMs(50), watch.latencies.percentileMs(99), watch.latencies.percentileMs(100)));
            say("Unhealthy /healthz answers: %d", watch.unhealthy.get());
            return alive && watch.failed.get() == 0 ? ExitCodes.OK : ExitCodes.INVALID;
        }
    }

    /** Samples the node once a second while the loads run: heap, private memory, health, and a fresh client. */
    private static final class Watch {
        final NodeProcess node;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong peakHeap = new AtomicLong(), peakPrivate = new AtomicLong(), failed = new AtomicLong(), unhealthy = new AtomicLong();
        final Latencies latencies = new Latencies();

        Watch(NodeProcess node) {
            this.node = node;
        }

        void run() {
            while (!stop.get() && node.isAlive()) {
                long t0 = System.nanoTime();
                peakHeap.accumulateAndGet(Hostile.heapUsed(node.url()), Math::max);
                peakPrivate.accumulateAndGet(node.privateBytes(), Math::max);
                if (Hostile.health(node.url()) != 200) unhealthy.incrementAndGet();
                Optional<Double> ms = Hostile.freshClient(node.url(), FRESH_LIMIT);
                if (ms.isPresent()) latencies.add((long) (ms.get() * 1e6));
                else failed.incrementAndGet();
                long left = 1_000 - (System.nanoTime() - t0) / 1_000_000;
                if (left > 0) {
                    try {
                        Thread.sleep(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void say(String format, Object... args) {
        spec.commandLine().getOut().println(String.format(Locale.ROOT, format, args));
        spec.commandLine().getOut().flush();
    }
}
