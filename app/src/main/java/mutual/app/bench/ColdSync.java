package mutual.app.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mutual.engine.client.RelayClient;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.store.sqlite.SqliteStore;

/**
 * A sync as a person runs it, the way the issue measured it against {@code strfry sync}: a node
 * ({@code mutual serve}, freshly started and idle) holds B's events; {@code mutual sync URL --data A}
 * runs through the build's own launcher, so its JVM starts, opens A's database and exits within
 * the measured time. Each run starts from copies of the same two folders (1% of the set only on
 * A, 1% only on B, spread evenly). Contenders alternate (A B B A …) so that a shared machine's
 * noise falls on both.
 *
 * <p>Measured: the wall time of the command; its CPU, with everything the launcher started
 * (bash's {@code times}); and the node's CPU from just before the command to its end.
 */
final class ColdSync {
    /** One contender's runs. */
    record Runs(String label, List<Double> wall, List<Double> cpuCommand, List<Double> cpuNode) {
        double median(List<Double> xs) {
            List<Double> s = xs.stream().sorted().toList();
            return s.isEmpty() ? Double.NaN : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        }
    }

    private final Path dir;
    private final int events;
    private final Consumer<String> say;

    ColdSync(Path dir, int events, Consumer<String> say) {
        this.dir = dir;
        this.events = events;
        this.say = say;
    }

    /** Runs each contender {@code pairs} × 2 times, alternating, and returns their runs in the given order. */
    List<Runs> run(List<OtherBuild> builds, int pairs) throws Exception {
        Path a0 = dir.resolve("a0"), b0 = dir.resolve("b0");
        fill(a0, b0);
        List<Runs> all = new ArrayList<>();
        for (OtherBuild b : builds) {
            Path launcher = b.launcher().orElseThrow(() -> new IOException(b.label() + ": no source tree with a `mutual` launcher beside its jar;"
                    + " run this build through ./mutual, and compare with a commit rather than a jar"));
            launch(launcher, List.of("--version"), null); // a launcher's first run may build or install things: not measured
            all.add(new Runs(b.label(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        for (int round = 0; round < pairs * 2; round++) {
            for (int k = 0; k < builds.size(); k++) {
                int i = round % 2 == 0 ? k : builds.size() - 1 - k;
                once(builds.get(i), all.get(i), a0, b0);
            }
        }
        return all;
    }

    private void once(OtherBuild build, Runs into, Path a0, Path b0) throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        copy(a0, a);
        copy(b0, b);
        try (NodeProcess node = NodeProcess.start(build, b, 0, List.of())) {
            settle(node);
            double cpu0 = node.cpuSeconds();
            Path times = dir.resolve("times");
            long t0 = System.nanoTime();
            int code = launch(build.launcher().orElseThrow(), List.of("sync", node.url() + "/", "--data", a.toString(), "-q"), times);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpuNode = node.cpuSeconds() - cpu0;
            double cpuCommand = childrenCpu(Files.readAllLines(times));
            if (code != 0) throw new IOException(build.label() + ": mutual sync ended with exit code " + code);
            long onA, onB;
            try (SqliteStore sa = SqliteStore.builder(a).readers(1).open()) {
                onA = sa.size();
            }
            try (RelayClient c = RelayClient.connect(URI.create(node.url() + "/"), Duration.ofSeconds(10))) {
                onB = c.count("all", List.of(Filter.builder().build())).get(60, TimeUnit.SECONDS);
            }
            long expected = events + events / 100;
            if (onA != expected || onB != expected)
                throw new IllegalStateException(build.label() + ": the sync left A with " + onA + " and B with " + onB + " events, not " + expected);
            into.wall().add(wall);
            into.cpuCommand().add(cpuCommand);
            into.cpuNode().add(cpuNode);
            say.accept(String.format(Locale.ROOT, "  %-12s mutual sync %.2f s, its CPU %.2f s, the node's CPU %.2f s", build.label(), wall, cpuCommand, cpuNode));
        }
    }

    /** Runs the launcher with {@code args} and no MUTUAL_* settings of this process; with {@code times}, bash's {@code times} go there. */
    private static int launch(Path launcher, List<String> args, Path times) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "\"$@\" >/dev/null 2>&1; rc=$?; "
                + (times == null ? "" : "times > \"$MUTUAL_BENCH_TIMES\"; ") + "exit $rc", "bash", launcher.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("MUTUAL_"));
        if (times != null) pb.environment().put("MUTUAL_BENCH_TIMES", times.toString());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(launcher + " " + args + " did not end within 10 minutes");
        }
        return p.exitValue();
    }

    /** The children's user + system seconds from bash's {@code times} (its second line: "0m5.060s 0m0.808s"). */
    static double childrenCpu(List<String> times) {
        if (times.size() < 2) throw new IllegalArgumentException("unexpected output of times: " + times);
        double sum = 0;
        for (String t : times.get(1).trim().split("\\s+")) {
            int m = t.indexOf('m');
            sum += Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
        }
        return sum;
    }

    /** Waits until the node uses less than a twentieth of a core over half a second (at most 60 s): started and idle. */
    private static void settle(NodeProcess node) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 60_000_000_000L) {
            double c = node.cpuSeconds();
            Thread.sleep(500);
            if (node.cpuSeconds() - c < 0.025) return;
        }
    }

    /** The two template folders: every event numbered 0 modulo 101 only on A, 1 modulo 101 only on B, the rest on both. */
    private void fill(Path a0, Path b0) throws IOException {
        int total = events + events / 100;
        if (Files.exists(a0) && Files.exists(b0) && sizes(a0, b0) == (long) events * 2) {
            say.accept("Reusing the two folders in " + dir);
            return;
        }
        deleteTree(a0);
        deleteTree(b0);
        say.accept(String.format(Locale.ROOT, "Signing and storing %,d events for the two folders (not measured)…", total));
        long base = System.currentTimeMillis() / 1000 / 86_400 * 86_400 - 60;
        try (SqliteStore sa = SqliteStore.builder(a0).open(); SqliteStore sb = SqliteStore.builder(b0).open()) {
            for (int off = 0; off < total; off += 100_000) {
                Workload w = Workload.generate(42, 1000, Math.min(100_000, total - off), off, base);
                List<Event> onA = new ArrayList<>(), onB = new ArrayList<>();
                for (int i = 0; i < w.events.size(); i++) {
                    int k = (off + i) % 101;
                    if (k != 1) onA.add(w.events.get(i));
                    if (k != 0) onB.add(w.events.get(i));
                }
                for (int i = 0; i < onA.size(); i += 1000) sa.write(onA.subList(i, Math.min(onA.size(), i + 1000)));
                for (int i = 0; i < onB.size(); i += 1000) sb.write(onB.subList(i, Math.min(onB.size(), i + 1000)));
            }
        }
    }

    private static long sizes(Path a, Path b) {
        try (SqliteStore sa = SqliteStore.builder(a).readers(1).open(); SqliteStore sb = SqliteStore.builder(b).readers(1).open()) {
            return sa.size() + sb.size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A closed store's folder copied file by file (its database, WAL and key). */
    private static void copy(Path from, Path to) throws IOException {
        deleteTree(to);
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
