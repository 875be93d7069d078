package mutual.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual bench relay [--events N] [--keys N] [--large N] [--query-seconds S] [--subscribers N]
 * </pre>
 * The node's load driver. Starts fresh nodes as separate processes on loopback and measures
 * ingest (8 connections × 1 and × 50 in flight), REQ-to-EOSE latency for typical filters with 1
 * and 8 connections at two store sizes, live fan-out, a bundle import, resident memory, and the raw signature
 * verification rate of this machine in the same run, which the other figures are divided by.
 */
@Command(name = "relay", mixinStandardHelpOptions = true,
        description = "Measure a node: ingest, queries, fan-out, memory, against this machine's raw verify rate.")
public final class BenchRelayCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "100000", description = "Pre-signed events for ingest (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--keys", defaultValue = "1000", description = "Authors of those events (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--large", defaultValue = "1000000", description = "Store size for the second round of queries; 0 skips it (default ${DEFAULT-VALUE}).")
    int large;

    @Option(names = "--query-seconds", defaultValue = "5", description = "Duration of each query measurement (default ${DEFAULT-VALUE}).")
    int querySeconds;

    @Option(names = "--subscribers", defaultValue = "1000", description = "Live subscribers for fan-out (default ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--skip", split = ",", paramLabel = "PART",
            description = "Parts to leave out, comma-separated: bundle, ingest1 (8 × 1 in flight), fanout. The 8 × 50 ingest always runs: it fills the node the queries read.")
    java.util.Set<String> skip = java.util.Set.of();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--work-dir", description = "Where the nodes keep their data (default: a new temporary folder).")
    Path workDir;

    @Option(names = "--store", paramLabel = "URL", description = "Run the nodes on PostgreSQL (postgresql://USER:PASSWORD@HOST/DB), each in a schema"
            + " of its own, dropped at the end; default: SQLite in the work folder.")
    String store;

    /**
     * The node settings every benchmark node gets: no rate limits, since the driver is one IP and
     * 1,000 authors, and room for the fan-out's 1,000 subscribers from that one address.
     */
    static final List<String> NODE_ARGS = List.of("--events-per-second-per-ip", "0", "--events-per-second-per-pubkey", "0",
            "--messages-per-second-per-connection", "0", "--max-connections", "1100", "--max-connections-per-ip", "1100");

    private final List<String> schemas = new java.util.ArrayList<>();

    /** {@link #NODE_ARGS}, and on PostgreSQL a fresh schema for the node called {@code name}. */
    private List<String> nodeArgs(String name) {
        if (store == null) return NODE_ARGS;
        String schema = "mutual_bench_" + name + "_" + ProcessHandle.current().pid();
        schemas.add(schema);
        List<String> args = new java.util.ArrayList<>(NODE_ARGS);
        args.addAll(List.of("--store", store + (store.contains("?") ? "&" : "?") + "currentSchema=" + schema));
        return args;
    }

    @Override
    public Integer call() throws Exception {
        if (store != null) mutual.store.postgres.PgUrl.parse(store); // says what is wrong before anything is signed
        try {
            return run();
        } finally {
            dropSchemas();
        }
    }

    private void dropSchemas() {
        if (schemas.isEmpty()) return;
        try (java.sql.Connection c = mutual.store.postgres.PgUrl.parse(store).connect("mutual bench", 60);
             java.sql.Statement st = c.createStatement()) {
            for (String s : schemas) st.execute("DROP SCHEMA IF EXISTS " + s + " CASCADE");
        } catch (java.sql.SQLException e) {
            say("could not drop the benchmark's schemas %s: %s", schemas, e.getMessage());
        }
    }

    private Integer run() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mutual-bench-");
        Report report = new Report();
        say("Signing %,d events from %,d keys on %d cores…", events, keys, Runtime.getRuntime().availableProcessors());
        long base = System.currentTimeMillis() / 1000 - 60;
        Workload w = Workload.generate(42, keys, events, 0, base);
        say("  average event size %.0f bytes", w.averageBytes());

        VerifyRate raw = VerifyRate.measure(w.events, Duration.ofSeconds(3));
        report.raw = raw;
        say("Raw Schnorr verify: %,.0f/s on one core, %,.0f/s on all cores", raw.perCore(), raw.allCores());
        for (String part : skip) {
            if (!List.of("bundle", "ingest1", "fanout").contains(part)) throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--skip: unknown part '" + part + "' (bundle, ingest1 or fanout)");
        }
        if (!skip.contains("bundle")) {
            report.bundle = BundleBench.run(dir.resolve("bundle"), w.events, this::say);
            say("Bundle import of %,d events: %,.0f events/s, peak resident memory %,d MB", events, report.bundle.perSecond(), report.bundle.peakRssBytes() >> 20);
        }
        if (!skip.contains("ingest1")) {
            try (NodeProcess a = NodeProcess.start(dir.resolve("ingest-1"), nodeArgs("ingest1"))) {
                report.ingest1 = Ingest.run(a.url(), w.messages, w.events, 8, 1);
                say("Ingest 8 × 1 in flight: %,.0f events/s (%d accepted)", report.ingest1.rate(), report.ingest1.accepted());
            }
        }
        try (NodeProcess b = NodeProcess.start(dir.resolve("ingest-50"), nodeArgs("ingest50"))) {
            Thread.sleep(2000); // let start-up work settle before the idle figure
            report.memIdle = b.memory();
            say("Memory idle: %s", report.memIdle.describe());
            report.ingest50 = Ingest.run(b.url(), w.messages, w.events, 8, 50);
            say("Ingest 8 × 50 in flight: %,.0f events/s (%d accepted)", report.ingest50.rate(), report.ingest50.accepted());
            report.small = Queries.run(b.url(), b::cpuSeconds, w, querySeconds, this::say);
            if (!skip.contains("fanout")) report.fanout = FanOut.run(b.url(), subscribers, 200, this::say);
            report.memSmall = b.memory();
            say("Memory at %,d events, after the load: %s", events, report.memSmall.describe());
            if (large > events) {
                int more = large - events;
                say("Signing %,d more events for the large round…", more);
                long start = System.nanoTime();
                for (int off = events; off < large; off += 200_000) {
                    int n = Math.min(200_000, large - off);
                    Workload extra = Workload.generate(42, keys, n, off, base);
                    Ingest.run(b.url(), extra.messages, extra.events, 8, 50);
                    say("  loaded %,d / %,d", off + n, large);
                }
                say("  loaded in %.1f s", (System.nanoTime() - start) / 1e9);
                report.large = Queries.run(b.url(), b::cpuSeconds, w, querySeconds, this::say);
                report.memLarge = b.memory();
                say("Memory at %,d events, after the load: %s", large, report.memLarge.describe());
            }
        }
        report.rawAtEnd = VerifyRate.measure(w.events, Duration.ofSeconds(3));
        System.out.println();
        System.out.println(report.render(events, large));
        return ExitCodes.OK;
    }

    void say(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

}
