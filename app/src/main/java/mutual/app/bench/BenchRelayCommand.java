package mutual.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual bench relay [--events N] [--keys N] [--large N] [--query-seconds S] [--subscribers N]
 *                    [--store URL] [--against COMMIT|JAR | --against-store URL|sqlite | --against-java-opts OPTIONS]
 * </pre>
 * The node's load driver. Starts fresh nodes as separate processes on loopback and measures
 * ingest (8 connections × 1 and × 50 in flight), REQ-to-EOSE latency for typical filters with 1
 * and 8 connections at two store sizes, live fan-out, a bundle import, memory, and the raw signature
 * verification rate of this machine in the same run, which the other figures are divided by. With
 * a second contender (another build, the other store, other JVM options) both are measured side
 * by side and compared figure by figure.
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

    @Option(names = "--against", paramLabel = "COMMIT|JAR", description = "Measure another build in the same run, side by side"
            + " (each measurement on one right after the other), and print both reports and their ratios: a commit of this repository (built once into ~/.cache/mutual/builds)"
            + " or a mutual.jar. Both run with this build's JVM options.")
    String against;

    @Option(names = "--against-java-opts", paramLabel = "OPTIONS", description = "Measure this build's nodes a second time with these"
            + " JVM options added (another collector, say), as --against does for a build.")
    String againstJavaOpts;

    @Option(names = "--against-settings", paramLabel = "OPTIONS", description = "Measure this build's nodes a second time with these"
            + " serve options added (\"--outbox false\", say), as --against does for a build.")
    String againstSettings;

    @Option(names = "--against-store", paramLabel = "URL|sqlite", description = "Measure this build on a second store in the same run, as"
            + " --against does for a build: a postgresql:// URL, or 'sqlite' (beside a --store URL).")
    String againstStore;

    /** PostgreSQL schemas made for the nodes, with the URL of their database: dropped at the end. */
    private final Map<String, String> schemas = new java.util.LinkedHashMap<>();

    /** {@link #NODE_ARGS}, and on PostgreSQL a fresh schema for the node called {@code name}. */
    private List<String> nodeArgs(Contender c, String name) {
        List<String> base = new java.util.ArrayList<>(NODE_ARGS);
        base.addAll(c.settings());
        if (c.store() == null) return base;
        if (!schemas.containsValue(c.store())) dropLeftoverSchemas(c.store());
        String schema = "mutual_bench_" + name + c.folder() + "_" + ProcessHandle.current().pid();
        schemas.put(schema, c.store());
        List<String> args = base;
        args.addAll(List.of("--store", c.store() + (c.store().contains("?") ? "&" : "?") + "currentSchema=" + schema));
        return args;
    }

    /** One side of a run: a build on a store ({@code null}: SQLite in the work folder). */
    record Contender(OtherBuild build, String store, String label, String folder, String javaOptions, List<String> settings) {
        Contender(OtherBuild build, String store, String label, String folder) {
            this(build, store, label, folder, "", List.of());
        }
    }

    @Override
    public Integer call() throws Exception {
        // Says what is wrong before anything is signed.
        if (store != null) mutual.store.postgres.PgUrl.parse(store);
        if (againstStore != null && !againstStore.equals("sqlite")) mutual.store.postgres.PgUrl.parse(againstStore);
        if (java.util.stream.Stream.of(against, againstStore, againstJavaOpts, againstSettings).filter(java.util.Objects::nonNull).count() > 1)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--against, --against-store, --against-java-opts and --against-settings: one comparison per run");
        try {
            return run();
        } catch (java.io.IOException e) { // a node that would not start (its own message), or a connection that failed
            throw new mutual.app.cli.CliException(ExitCodes.IO, "bench relay: " + e.getMessage());
        } finally {
            dropSchemas();
        }
    }

    private List<Contender> contenders() throws Exception {
        String mine = store == null ? "SQLite" : "PostgreSQL";
        if (against != null) {
            OtherBuild other;
            try {
                other = OtherBuild.resolve(against, m -> say("%s", m));
            } catch (java.io.IOException e) { // a wrong argument, or a build that failed: said as a usage error, exit code 2
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return List.of(new Contender(OtherBuild.THIS, store, "this build", "this"), new Contender(other, store, other.label(), "other"));
        }
        if (againstStore != null) {
            String second = againstStore.equals("sqlite") ? null : againstStore;
            String theirs = second == null ? "SQLite" : "PostgreSQL";
            if (theirs.equals(mine) && java.util.Objects.equals(second, store))
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--against-store: the same store as --store");
            return List.of(new Contender(OtherBuild.THIS, store, mine, "first"),
                    new Contender(OtherBuild.THIS, second, theirs.equals(mine) ? theirs + " (2)" : theirs, "second"));
        }
        if (againstJavaOpts != null) {
            return List.of(new Contender(OtherBuild.THIS, store, "as launched", "first"),
                    new Contender(OtherBuild.THIS, store, againstJavaOpts.trim(), "second", againstJavaOpts, List.of()));
        }
        if (againstSettings != null) {
            return List.of(new Contender(OtherBuild.THIS, store, "as set", "first"),
                    new Contender(OtherBuild.THIS, store, againstSettings.trim(), "second", "", List.of(againstSettings.trim().split("\\s+"))));
        }
        return List.of(new Contender(OtherBuild.THIS, store, "", ""));
    }

    /**
     * Drops the schemas that earlier runs left in the database when they were killed before their
     * end: those whose name ends in the id of a process no longer running on this machine. (A run
     * on another machine against the same database at the same moment would lose its schema: run
     * benchmarks against a database of their own.)
     */
    private void dropLeftoverSchemas(String url) {
        try (java.sql.Connection c = mutual.store.postgres.PgUrl.parse(url).connect("mutual bench", 60);
             java.sql.Statement st = c.createStatement()) {
            List<String> left = new java.util.ArrayList<>();
            try (java.sql.ResultSet r = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname ~ '^mutual_bench_.*_[0-9]+$'")) {
                while (r.next()) left.add(r.getString(1));
            }
            for (String schema : left) {
                long pid = Long.parseLong(schema.substring(schema.lastIndexOf('_') + 1));
                if (ProcessHandle.of(pid).isPresent()) continue;
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                say("dropped %s, which a benchmark that did not finish left behind", schema);
            }
        } catch (java.sql.SQLException | NumberFormatException x) {
            say("could not look for schemas that earlier benchmarks left behind: %s", x.getMessage());
        }
    }

    private void dropSchemas() {
        for (Map.Entry<String, String> e : schemas.entrySet()) {
            try (java.sql.Connection c = mutual.store.postgres.PgUrl.parse(e.getValue()).connect("mutual bench", 60);
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + e.getKey() + " CASCADE");
            } catch (java.sql.SQLException x) {
                say("could not drop the benchmark's schema %s: %s", e.getKey(), x.getMessage());
            }
        }
    }

    private Integer run() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mutual-bench-");
        for (String part : skip) {
            if (!List.of("bundle", "ingest1", "fanout").contains(part)) throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--skip: unknown part '" + part + "' (bundle, ingest1 or fanout)");
        }
        List<Contender> builds = contenders();
        Map<Contender, Report> reports = new java.util.LinkedHashMap<>();
        say("Signing %,d events from %,d keys on %d cores…", events, keys, Runtime.getRuntime().availableProcessors());
        long base = System.currentTimeMillis() / 1000 - 60;
        Workload w = Workload.generate(42, keys, events, 0, base);
        say("  average event size %.0f bytes", w.averageBytes());

        VerifyRate raw = VerifyRate.measure(w.events, Duration.ofSeconds(3));
        for (Contender b : builds) reports.put(b, new Report());
        reports.values().forEach(r -> r.raw = raw);
        say("Raw Schnorr verify: %,.0f/s on one core, %,.0f/s on all cores", raw.perCore(), raw.allCores());
        if (!skip.contains("bundle")) {
            Path file = BundleBench.write(dir.resolve("bundle"), w.events, this::say);
            // With two builds, twice each in the order A B B A, and the mean of each build's two rates.
            int rounds = builds.size() > 1 ? 2 : 1;
            for (int round = 0; round < rounds; round++) {
                for (int i : order(builds.size(), round)) {
                    Contender b = builds.get(i);
                    if (b != builds.get(0) && b.build() == builds.get(0).build()) continue; // the same import: it writes SQLite whatever --store says
                    Report r = reports.get(b);
                    BundleBench one = BundleBench.run(b.build(), file, events, dir.resolve("bundle").resolve(b.folder() + round));
                    r.bundle = r.bundle == null ? one : r.bundle.averagedWith(one);
                    say("Bundle import of %,d events%s: %,.0f events/s, peak resident memory %,d MB", events, of(b), one.perSecond(), one.peakRssBytes() >> 20);
                }
            }
        }
        if (!skip.contains("ingest1")) {
            List<NodeProcess> nodes = new java.util.ArrayList<>();
            try {
                for (Contender c : builds) nodes.add(NodeProcess.start(c.build(), c.javaOptions(), dir.resolve(c.folder()).resolve("ingest-1"), 0, nodeArgs(c, "ingest1")));
                List<Ingest> done = Ingest.interleaved(nodes.stream().map(NodeProcess::url).toList(), w.messages, w.events, 8, 1);
                for (int i = 0; i < builds.size(); i++) {
                    reports.get(builds.get(i)).ingest1 = done.get(i);
                    say("Ingest 8 × 1 in flight%s: %,.0f events/s (%d accepted)", of(builds.get(i)), done.get(i).rate(), done.get(i).accepted());
                }
            } finally {
                for (NodeProcess node : nodes) node.close();
            }
        }
        loadAndQuery(builds, reports, dir, w, base);
        VerifyRate atEnd = VerifyRate.measure(w.events, Duration.ofSeconds(3));
        reports.values().forEach(r -> r.rawAtEnd = atEnd);
        System.out.println();
        for (Map.Entry<Contender, Report> e : reports.entrySet()) {
            if (builds.size() > 1) System.out.println("## " + e.getKey().label() + "\n");
            System.out.println(e.getValue().render(events, large));
        }
        if (builds.size() > 1) {
            System.out.println("## " + builds.get(0).label() + " ÷ " + builds.get(1).label() + "\n");
            System.out.println(Comparison.render(builds.get(0).label(), reports.get(builds.get(0)), builds.get(1).label(), reports.get(builds.get(1)), events, large));
        }
        return ExitCodes.OK;
    }

    /**
     * The 8 × 50 ingest into a fresh node of each contender, the queries, the fan-out, memory, and
     * the large round. The contenders' nodes run side by side, and each query measurement runs on
     * one node right after the other (in alternating order), so that both meet the same moment of
     * a shared machine; an idle node takes next to no CPU from the one being measured.
     */
    private void loadAndQuery(List<Contender> cs, Map<Contender, Report> reports, Path dir, Workload w, long base) throws Exception {
        List<NodeProcess> nodes = new java.util.ArrayList<>();
        try {
            for (Contender c : cs) nodes.add(NodeProcess.start(c.build(), c.javaOptions(), dir.resolve(c.folder()).resolve("ingest-50"), 0, nodeArgs(c, "ingest50")));
            Thread.sleep(2000); // let start-up work settle before the idle figure
            for (int i = 0; i < cs.size(); i++) {
                reports.get(cs.get(i)).memIdle = nodes.get(i).memory();
                say("Memory idle%s: %s", of(cs.get(i)), reports.get(cs.get(i)).memIdle.describe());
            }
            List<Ingest> ingested = Ingest.interleaved(nodes.stream().map(NodeProcess::url).toList(), w.messages, w.events, 8, 50);
            for (int i = 0; i < cs.size(); i++) {
                Report r = reports.get(cs.get(i));
                r.ingest50 = ingested.get(i);
                say("Ingest 8 × 50 in flight%s: %,.0f events/s (%d accepted)", of(cs.get(i)), r.ingest50.rate(), r.ingest50.accepted());
            }
            List<Queries> small = Queries.run(targets(cs, nodes), w, querySeconds, this::say);
            for (int i = 0; i < cs.size(); i++) reports.get(cs.get(i)).small = small.get(i);
            if (!skip.contains("fanout")) {
                for (int i : order(cs.size(), 1)) reports.get(cs.get(i)).fanout = FanOut.run(nodes.get(i).url(), subscribers, 200, this::say);
            }
            for (int i = 0; i < cs.size(); i++) {
                reports.get(cs.get(i)).memSmall = nodes.get(i).memory();
                say("Memory at %,d events, after the load%s: %s", events, of(cs.get(i)), reports.get(cs.get(i)).memSmall.describe());
            }
            if (large <= events) return;
            say("Signing and loading %,d more events for the large round…", large - events);
            long start = System.nanoTime();
            for (int off = events; off < large; off += 200_000) {
                int n = Math.min(200_000, large - off);
                Workload extra = Workload.generate(42, keys, n, off, base);
                for (NodeProcess node : nodes) Ingest.run(node.url(), extra.messages, extra.events, 8, 50);
                say("  loaded %,d / %,d", off + n, large);
            }
            say("  loaded in %.1f s", (System.nanoTime() - start) / 1e9);
            List<Queries> big = Queries.run(targets(cs, nodes), w, querySeconds, this::say);
            for (int i = 0; i < cs.size(); i++) {
                Report r = reports.get(cs.get(i));
                r.large = big.get(i);
                r.memLarge = nodes.get(i).memory();
                say("Memory at %,d events, after the load%s: %s", large, of(cs.get(i)), r.memLarge.describe());
            }
        } finally {
            for (NodeProcess node : nodes) node.close();
        }
    }

    private static List<Queries.Target> targets(List<Contender> cs, List<NodeProcess> nodes) {
        List<Queries.Target> out = new java.util.ArrayList<>();
        for (int i = 0; i < cs.size(); i++) out.add(new Queries.Target(nodes.get(i).url(), nodes.get(i)::cpuSeconds, of(cs.get(i))));
        return out;
    }

    /** Indexes 0…n-1 in the order step {@code k} takes them: alternating, so that neither side always goes first. */
    static List<Integer> order(int n, int k) {
        List<Integer> out = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
        if (k % 2 == 1) java.util.Collections.reverse(out);
        return out;
    }

    private static String of(Contender b) {
        return b.label().isEmpty() ? "" : " (" + b.label().trim() + ")";
    }

    void say(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

}
