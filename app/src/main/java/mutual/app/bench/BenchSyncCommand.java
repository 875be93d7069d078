package mutual.app.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.engine.Node;
import mutual.engine.client.RelayClient;
import mutual.engine.mesh.PeerChannel;
import mutual.engine.mesh.PeerSpec;
import mutual.engine.mesh.Reconciliation;
import mutual.engine.mesh.SchedulerTimer;
import mutual.engine.mesh.SyncReport;
import mutual.engine.mesh.WebSocketConnector;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventJson;
import mutual.protocol.filter.Filter;
import mutual.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual bench sync [--events N] [--large N] [--work-dir DIR]
 * mutual bench sync --cold [--against COMMIT] [--pairs N] [--events N] [--work-dir DIR]
 * </pre>
 * Two nodes that differ by 1% in each direction, the differences spread evenly through time: node
 * B runs as its own process ({@code mutual serve}); node A syncs with it over a WebSocket exactly
 * as {@code mutual sync} does (both directions). Measures the time and the bytes on the wire to
 * converge — the negentropy rounds alone and the whole sync — against what a full transfer of
 * B's events would move, at two sizes. Filling the two databases is not measured.
 *
 * <p>Bytes are given twice: on the wire, compressed with permessage-deflate as the mesh and
 * {@code mutual sync} connect, and as the uncompressed message text the frames carried. The
 * negentropy figures come from a negentropy-only run over its own connection just before the
 * sync (in the sync itself fetches and uploads share the connection and its compression).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Measure a two-way sync between two nodes that differ by 1%% each way, against a full transfer.")
public final class BenchSyncCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "100000", description = "Events on each node (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--large", defaultValue = "0", description = "A second round with this many events on each node; 0 skips it (default ${DEFAULT-VALUE}; the issue's figure is 1000000).")
    int large;

    @Option(names = "--work-dir", description = "Where the nodes keep their data (default: a new temporary folder).")
    Path workDir;

    @Option(names = "--cold", description = "Instead: `mutual sync` as a person runs it, through the launcher, against a freshly started node;"
            + " wall time and CPU of both (see ColdSync).")
    boolean cold;

    @Option(names = "--against", paramLabel = "COMMIT", description = "With --cold: the same runs with another commit's build, alternating, and the ratios.")
    String against;

    @Option(names = "--pairs", defaultValue = "2", description = "With --cold: runs of each build, in pairs (default ${DEFAULT-VALUE}: A B B A).")
    int pairs;

    /** Events put into both nodes before measuring, to warm their ingest paths. */
    static final int WARM_EVENTS = 10_000;
    /** Events only on A, and as many only on B, moved by a sync before the measured one, to warm its paths. */
    static final int WARM_DIFFER = 5_000;

    /**
     * strfry's figures for the same test at 100,000 events (the goal), compressed:
     * negentropy alone up, down; whole sync up, down.
     */
    static final int STRFRY_EVENTS = 100_000;
    static final long STRFRY_NEG_UP = 189_000, STRFRY_NEG_DOWN = 1_150_000, STRFRY_UP = 795_000, STRFRY_DOWN = 1_780_000;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mutual-bench-sync-");
        if (cold) return cold(dir);
        if (against != null) throw new CliException(ExitCodes.USAGE, "--against goes with --cold");
        Workload sample = Workload.generate(7, 100, 2000, 0, System.currentTimeMillis() / 1000);
        VerifyRate raw = VerifyRate.measure(sample.events, Duration.ofSeconds(3));
        say("Raw Schnorr verify: %,.0f/s on one core, %,.0f/s on all cores (strfry reference machine: about 36,000/s per core)", raw.perCore(), raw.allCores());
        List<Measured> rounds = new ArrayList<>();
        rounds.add(round(dir.resolve("n" + events), events));
        if (large > 0) rounds.add(round(dir.resolve("n" + large), large));
        System.out.println();
        System.out.println("| events each | differ | negentropy rounds | negentropy time | negentropy up / down, compressed | negentropy up / down, uncompressed "
                + "| whole sync | whole up / down, compressed | whole up / down, uncompressed | full transfer (B's events, uncompressed) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rounds.forEach(m -> System.out.println(m.row()));
        System.out.printf(Locale.ROOT, "| strfry (the issue's goal) | %,d each way | | | %s / %s | | | %s / %s | | |%n", STRFRY_EVENTS / 100,
                kb(STRFRY_NEG_UP), kb(STRFRY_NEG_DOWN), kb(STRFRY_UP), kb(STRFRY_DOWN));
        System.out.println();
        System.out.println("Compressed: bytes on the wire, WebSocket frames with their headers, permessage-deflate as the mesh and `mutual sync`");
        System.out.println("connect (the HTTP upgrade, some 300 B each way, is not counted). Uncompressed: the message text those frames carried");
        System.out.printf(Locale.ROOT, "(negentropy as hex JSON). Raw verify %,.0f/s per core in this run.%n", raw.perCore());
        for (Measured m : rounds) {
            if (m.events != STRFRY_EVENTS) continue;
            System.out.printf(Locale.ROOT, "Against strfry, compressed, at %,d events: negentropy %s up (%.2f×), %s down (%.2f×); whole sync %s up (%.2f×), %s down (%.2f×): %s.%n",
                    m.events, kb(m.neg.wireUp()), (double) m.neg.wireUp() / STRFRY_NEG_UP, kb(m.neg.wireDown()), (double) m.neg.wireDown() / STRFRY_NEG_DOWN,
                    kb(m.whole.wireUp()), (double) m.whole.wireUp() / STRFRY_UP, kb(m.whole.wireDown()), (double) m.whole.wireDown() / STRFRY_DOWN,
                    m.neg.wireUp() <= STRFRY_NEG_UP && m.neg.wireDown() <= STRFRY_NEG_DOWN && m.whole.wireUp() <= STRFRY_UP && m.whole.wireDown() <= STRFRY_DOWN
                            ? "no more than strfry" : "MORE than strfry");
        }
        return ExitCodes.OK;
    }

    private int cold(Path dir) throws Exception {
        if (pairs < 1) throw new CliException(ExitCodes.USAGE, "--pairs must be at least 1");
        List<OtherBuild> builds = new ArrayList<>(List.of(OtherBuild.THIS));
        if (against != null) {
            if (against.endsWith(".jar")) throw new CliException(ExitCodes.USAGE, "--against with --cold takes a commit: its launcher runs the command");
            try {
                builds.add(OtherBuild.resolve(against, m -> say("%s", m)));
            } catch (java.io.IOException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
        }
        Workload sample = Workload.generate(7, 100, 2000, 0, System.currentTimeMillis() / 1000);
        VerifyRate raw = VerifyRate.measure(sample.events, Duration.ofSeconds(3));
        say("Raw Schnorr verify: %,.0f/s on one core, %,.0f/s on all cores", raw.perCore(), raw.allCores());
        say("mutual sync of %,d events against a freshly started node of %,d, %,d only on each side, %d runs of each build:", events, events, events / 100, 2 * pairs);
        List<ColdSync.Runs> runs = new ColdSync(dir.resolve("cold-" + events), events, m -> say("%s", m)).run(builds, pairs);
        System.out.println();
        System.out.println("| build | mutual sync, wall (median) | its CPU | the node's CPU |");
        System.out.println("|---|---|---|---|");
        for (ColdSync.Runs r : runs)
            System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f s | %.2f s |%n", r.label(), r.median(r.wall()), r.median(r.cpuCommand()), r.median(r.cpuNode()));
        if (runs.size() == 2) {
            ColdSync.Runs t = runs.get(0), o = runs.get(1);
            System.out.printf(Locale.ROOT, "| ratio, %s ÷ %s | %.2f | %.2f | %.2f |%n", t.label(), o.label(), t.median(t.wall()) / o.median(o.wall()),
                    t.median(t.cpuCommand()) / o.median(o.cpuCommand()), t.median(t.cpuNode()) / o.median(o.cpuNode()));
        }
        return ExitCodes.OK;
    }

    /** Bytes both ways of one connection: on the wire (compressed) and as message text. */
    private record Traffic(long wireUp, long wireDown, long textUp, long textDown) {
        static Traffic of(RelayClient c) {
            if (!c.compressed()) throw new IllegalStateException("the node did not agree to permessage-deflate");
            return new Traffic(c.bytesSent(), c.bytesReceived(), c.messageCharsSent(), c.messageCharsReceived());
        }
    }

    /** A negentropy-only run: its rounds and its traffic. */
    private record DryRun(int rounds, Traffic traffic) {}

    private record Measured(int events, int differ, SyncReport sync, Traffic neg, Traffic whole, long fullBytes) {
        String row() {
            return String.format(Locale.ROOT, "| %,d | %,d each way | %d | %.2f s | %s / %s | %s / %s | %.2f s | %s / %s | %s / %s | %s |", events, differ, sync.rounds(),
                    sync.reconciled().toMillis() / 1000.0, kb(neg.wireUp), kb(neg.wireDown), kb(neg.textUp), kb(neg.textDown),
                    sync.elapsed().toMillis() / 1000.0, kb(whole.wireUp), kb(whole.wireDown), kb(whole.textUp), kb(whole.textDown), kb(fullBytes));
        }
    }

    private Measured round(Path dir, int n) throws Exception {
        int differ = n / 100;
        int total = n + differ;
        say("Signing %,d events (%,d on each node, %,d only on A and %,d only on B, spread evenly)…", total, n, differ, differ);
        // The same events all day long, so that a --work-dir filled by an earlier run is used again.
        long base = System.currentTimeMillis() / 1000 / 86_400 * 86_400 - 60;
        Path a = dir.resolve("a"), b = dir.resolve("b");
        long fullBytes = 0;
        long fill = System.nanoTime();
        int common = total - 2 * differ;
        if (Files.exists(a) && !freshlyFilled(a, b, common)) {
            say("  %s holds an earlier run's synced or partial databases: starting them again", dir);
            ColdSync.deleteTree(a);
            ColdSync.deleteTree(b);
        }
        try (SqliteStore sa = SqliteStore.builder(a).readers(1).mmapBytes(0).open();
             SqliteStore sb = SqliteStore.builder(b).readers(1).mmapBytes(0).open()) {
            // The stores hold the events both nodes share; each side's own events are added once
            // the warm-ups are done (addOwnEvents), so that no warm-up sync moves them.
            boolean filled = sa.size() == common && sb.size() == common;
            if (filled) {
                Workload sample = Workload.generate(42, 1000, 1000, 0, base);
                fullBytes = (long) n * sample.messages.stream().mapToLong(String::length).sum() / sample.messages.size();
                say("  reusing the filled databases in %s", dir);
            }
            for (int off = 0; !filled && off < total; off += 100_000) {
                Workload w = Workload.generate(42, 1000, Math.min(100_000, total - off), off, base);
                List<Event> both = new ArrayList<>();
                for (int i = 0; i < w.events.size(); i++) {
                    int k = (off + i) % 101;
                    if (k > 1) both.add(w.events.get(i));
                    if (k != 0) fullBytes += w.messages.get(i).length(); // B's events
                }
                write(sa, both);
                write(sb, both);
                say("  filled %,d of %,d", Math.min(off + 100_000, total), total);
            }
            say("  A holds %,d, B holds %,d (filling took %.0f s, not measured)", sa.size(), sb.size(), (System.nanoTime() - fill) / 1e9);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Config config = Config.resolve(NodeSettings.all(), java.util.Optional.empty(), java.util.Map.of(), java.util.Map.of());
        // B's cap on one sync set is raised to hold the whole set, as a reference run would; with the
        // default cap the sync still completes, in more rounds (see Reconciliation: windows are halved).
        List<String> args = new ArrayList<>(BenchRelayCommand.NODE_ARGS);
        args.addAll(List.of("--max-sync-records", Integer.toString(total + WARM_EVENTS + 2 * WARM_DIFFER + 1)));
        try (NodeProcess nodeB = NodeProcess.start(b, args);
             SqliteStore sa = SqliteStore.builder(a).readers(2).mmapBytes(0).open();
             Node nodeA = Node.create(RunningNode.nodeConfig(config, SecretKey.generate()), sa)) {
            SchedulerTimer timer = new SchedulerTimer(scheduler, InstantSource.system());
            String url = nodeB.url() + "/";
            // Warm both sync indexes (each is built from the store on first use) with a sync of an empty time window.
            Filter future = Filter.builder().since(base + 864_000).build();
            sync(url, nodeA, new PeerSpec(url, future, mutual.engine.mesh.Direction.BOTH), timer);
            // Warm both JVMs' negentropy code (a node that runs has it warm) with rounds whose findings are dropped.
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                int rounds = dryRun(url, nodeA).rounds();
                say("  warm-up, negentropy only, nothing moved: %d rounds, %.2f s", rounds, (System.nanoTime() - t0) / 1e9);
            }
            // Warm both ingest paths the same way: the same new events into both nodes, so they add
            // nothing to the difference. A node that has been running has these paths compiled.
            Workload warm = Workload.generate(43, 100, WARM_EVENTS, total, base);
            long t0 = System.nanoTime();
            Ingest.run(nodeB.url(), warm.messages, warm.events, 4, 50);
            submitAll(nodeA, warm.events);
            say("  warm-up, ingest: the same %,d events into both nodes, %.2f s", WARM_EVENTS, (System.nanoTime() - t0) / 1e9);
            total += WARM_EVENTS;
            total += warmTransfers(url, nodeA, nodeB, base, timer);
            addOwnEvents(nodeA, nodeB, n + differ, base);
            settle(nodeB);
            DryRun neg = dryRun(url, nodeA);
            say("Negentropy alone, over its own connection, nothing moved: %d rounds, %s up / %s down compressed (%s / %s uncompressed)",
                    neg.rounds(), kb(neg.traffic().wireUp()), kb(neg.traffic().wireDown()), kb(neg.traffic().textUp()), kb(neg.traffic().textDown()));
            say("Syncing both ways…");
            double cpuA = Cpu.ofThisProcess(), cpuB = nodeB.cpuSeconds();
            Result r = sync(url, nodeA, PeerSpec.of(url), timer);
            SyncReport s = r.report;
            cpuA = Cpu.ofThisProcess() - cpuA;
            cpuB = nodeB.cpuSeconds() - cpuB;
            long bCount;
            try (RelayClient c = RelayClient.connect(URI.create(url), Duration.ofSeconds(10))) {
                bCount = c.count("all", List.of(Filter.builder().build())).get(60, TimeUnit.SECONDS);
            }
            say("  %s", s.summary());
            double wall = s.elapsed().toNanos() / 1e9;
            say("  CPU during the sync: A %.2f s, B %.2f s (cores used: A %.2f, B %.2f)", cpuA, cpuB, cpuA / wall, cpuB / wall);
            say("  converged: A %,d, B %,d (expected %,d each)", sa.size(), bCount, total);
            if (sa.size() != total || bCount != total) throw new IllegalStateException("the nodes did not converge");
            if (neg.rounds() != s.rounds()) say("  note: the negentropy-only run took %d rounds, the sync %d", neg.rounds(), s.rounds());
            return new Measured(n, differ, s, neg.traffic(), r.traffic, fullBytes);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private record Result(SyncReport report, Traffic traffic) {}

    /**
     * Waits until neither process uses more than a twentieth of a core over half a second (at most
     * 30 s): the JIT compiles what the warm-ups made hot for seconds after them, and the nodes
     * index the warm-up events' words when idle. A node that has been running is past both.
     */
    private void settle(NodeProcess nodeB) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 30_000_000_000L) {
            double a = Cpu.ofThisProcess(), b = nodeB.cpuSeconds();
            Thread.sleep(500);
            if (Cpu.ofThisProcess() - a < 0.025 && nodeB.cpuSeconds() - b < 0.025) break;
        }
        say("  both processes idle after %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    /** Takes events into node A through its ingest, as a client's would be, and waits for every outcome. */
    private static void submitAll(Node nodeA, List<Event> events) throws Exception {
        List<java.util.concurrent.CompletableFuture<?>> done = new ArrayList<>();
        for (Event e : events) done.add(nodeA.submit(e, new mutual.engine.ingest.Source.Local("bench")));
        java.util.concurrent.CompletableFuture.allOf(done.toArray(java.util.concurrent.CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    /**
     * Gives each node its own events, 1 in 101 of the set for each, spread evenly over its time
     * range: those numbered 0 modulo 101 to A, 1 modulo 101 to B. B takes them over the wire.
     */
    private void addOwnEvents(Node nodeA, NodeProcess nodeB, int total, long base) throws Exception {
        List<mutual.protocol.crypto.SecretKey> keys = Workload.generate(42, 1000, 0, 0, base).keys;
        List<Event> onlyA = new ArrayList<>(), onlyB = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (i % 101 == 0) onlyA.add(Workload.event(keys, i, base));
            else if (i % 101 == 1) onlyB.add(Workload.event(keys, i, base));
        }
        submitAll(nodeA, onlyA);
        Ingest.run(nodeB.url(), Workload.publishing(onlyB), onlyB, 4, 50);
        say("  each node given its own %,d events", onlyA.size());
    }

    /**
     * Warms both sides' paths as a node that has been running has them warm: a sync of the whole
     * set, as the measured one, that moves {@link #WARM_DIFFER} events each way (dated ten days
     * before the measured set). It runs before the nodes get their own events (
     * {@link #addOwnEvents}), so the measured sync still finds 1% each way. Cold, the measured
     * sync took 0.91–1.19 s in ten runs; warmed so, 0.77–0.99 s. Returns how many events this
     * added to each node.
     */
    private int warmTransfers(String url, Node nodeA, NodeProcess nodeB, long base, SchedulerTimer timer) throws Exception {
        long at = base - 10 * 86_400;
        Workload w = Workload.generate(44, 100, 2 * WARM_DIFFER, 0, at);
        submitAll(nodeA, w.events.subList(0, WARM_DIFFER));
        Ingest.run(nodeB.url(), w.messages.subList(WARM_DIFFER, 2 * WARM_DIFFER), w.events.subList(WARM_DIFFER, 2 * WARM_DIFFER), 4, 50);
        long t0 = System.nanoTime();
        SyncReport r = sync(url, nodeA, PeerSpec.of(url), timer).report;
        if (r.received() != WARM_DIFFER || r.sent() != WARM_DIFFER)
            throw new IllegalStateException("the warm-up sync moved " + r.sent() + " and " + r.received() + " events, not " + WARM_DIFFER + " each way");
        say("  warm-up, a sync of the whole set that moves %,d events each way: %.2f s", WARM_DIFFER, (System.nanoTime() - t0) / 1e9);
        return 2 * WARM_DIFFER;
    }

    /** A sync as {@code mutual sync} runs it, compressed. */
    private static Result sync(String url, Node nodeA, PeerSpec spec, SchedulerTimer timer) throws Exception {
        RelayClient client = RelayClient.connect(URI.create(url), Duration.ofSeconds(10), RelayClient.Compression.DEFLATE);
        PeerChannel ch = WebSocketConnector.over(client);
        try {
            SyncReport r = new Reconciliation(ch, nodeA.local(), spec, timer).run().get(30, TimeUnit.MINUTES);
            return new Result(r, Traffic.of(client));
        } finally {
            ch.close();
        }
    }

    /**
     * The negentropy rounds of a full sync over a compressed connection of their own, nothing
     * moved; the initiator runs as {@link Reconciliation} runs it (paced).
     */
    private static DryRun dryRun(String url, Node nodeA) throws Exception {
        try (RelayClient c = RelayClient.connect(URI.create(url), Duration.ofSeconds(10), RelayClient.Compression.DEFLATE)) {
            var set = nodeA.local().set(Filter.builder().build());
            java.util.concurrent.LinkedBlockingQueue<mutual.protocol.wire.RelayMessage> replies = new java.util.concurrent.LinkedBlockingQueue<>();
            c.onOther(m -> {
                if (m instanceof mutual.protocol.wire.RelayMessage.NegMsg || m instanceof mutual.protocol.wire.RelayMessage.NegErr) replies.add(m);
            });
            byte[] msg = set.read(s -> mutual.protocol.negentropy.Negentropy.client(s, Reconciliation.initiatorConfig(set.config())).initiate());
            c.send(mutual.protocol.wire.ClientWire.encode(new mutual.protocol.wire.ClientMessage.NegOpen("warm", Filter.builder().build(), msg)));
            for (int rounds = 1; ; rounds++) {
                var m = replies.poll(60, TimeUnit.SECONDS);
                if (!(m instanceof mutual.protocol.wire.RelayMessage.NegMsg neg)) throw new IllegalStateException("warm-up failed: " + m);
                var step = set.read(s -> mutual.protocol.negentropy.Negentropy.resumedClient(s, Reconciliation.initiatorConfig(set.config())).reconcile(neg.message()));
                if (step.next().isEmpty()) {
                    DryRun done = new DryRun(rounds, Traffic.of(c));
                    c.send(mutual.protocol.wire.ClientWire.encode(new mutual.protocol.wire.ClientMessage.NegClose("warm")));
                    return done;
                }
                c.send(mutual.protocol.wire.ClientWire.encode(new mutual.protocol.wire.ClientMessage.NegMsg("warm", step.next().get())));
            }
        }
    }

    private static boolean freshlyFilled(Path a, Path b, int n) {
        try (SqliteStore sa = SqliteStore.builder(a).readers(1).open(); SqliteStore sb = SqliteStore.builder(b).readers(1).open()) {
            return sa.size() == n && sb.size() == n;
        }
    }

    private static void write(SqliteStore store, List<Event> events) {
        for (int i = 0; i < events.size(); i += 1000) store.write(events.subList(i, Math.min(events.size(), i + 1000)));
    }

    /** Bytes as KB or MB (decimal, as the figures are given). */
    private static String kb(long bytes) {
        return bytes >= 1_000_000 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1e6) : String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
    }

    private void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
