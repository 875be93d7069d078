package mutual.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.engine.client.RelayClient;
import mutual.protocol.event.Event;
import mutual.protocol.wire.RelayMessage;

/** A node started as its own process ({@code mutual serve}) on a free loopback port, for benchmarks and tests. */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(ws://127\\.0\\.0\\.1:\\d+)");
    private final Process process;
    private final URI url;
    private final Path dataDir;

    private NodeProcess(Process process, URI url, Path dataDir) {
        this.process = process;
        this.url = url;
        this.dataDir = dataDir;
    }

    /** Waits until every peer link of the node is live, as {@code mutual peer list} would show it (its peers.status). */
    public void awaitLivePeers(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            var rows = mutual.app.node.PeerWatch.StatusLines.read(dataDir);
            if (!rows.isEmpty() && rows.stream().allMatch(row -> row.state().equals("live"))) return;
            if (System.nanoTime() > deadline) throw new IllegalStateException("the peer links of " + url + " did not come up: " + rows);
            Thread.sleep(100);
        }
    }

    /**
     * Publishes every event over one connection without waiting in between, then checks every OK,
     * failing with the first refusal.
     */
    public void publishAtOnce(List<Event> events) {
        try (RelayClient c = RelayClient.connect(url, Duration.ofSeconds(10))) {
            List<CompletableFuture<RelayMessage.Ok>> oks = new ArrayList<>(events.size());
            for (var e : events) oks.add(c.publish(e));
            for (var f : oks) {
                var ok = f.get(5, TimeUnit.MINUTES);
                if (!ok.accepted()) throw new IllegalStateException(url + " refused an event: " + ok.message());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Nodes this process started and that still run: sent SIGTERM when this process ends, even by
     * SIGTERM or an error that skips their close, so that an interrupted benchmark leaves none behind.
     */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "end-nodes"));
    }

    /** The node's data folder (its database, key and peers.status). */
    public Path dataDir() {
        return dataDir;
    }

    /** Starts {@code mutual serve --port 0 --data dataDir extraArgs…} with the same JVM and jar as this process. */
    public static NodeProcess start(Path dataDir, List<String> extraArgs) throws IOException {
        return start(dataDir, 0, extraArgs);
    }

    /** As {@link #start(Path, List)} on a given port (a node restarted where its peers expect it). */
    public static NodeProcess start(Path dataDir, int port, List<String> extraArgs) throws IOException {
        return start(OtherBuild.THIS, dataDir, port, extraArgs);
    }

    /** As {@link #start(Path, int, List)}, running {@code build}'s code (another commit's, for a comparison). */
    static NodeProcess start(OtherBuild build, Path dataDir, int port, List<String> extraArgs) throws IOException {
        return start(build, "", dataDir, port, extraArgs);
    }

    /** As {@link #start(OtherBuild, Path, int, List)}, with JVM options added after the launcher's and {@code MUTUAL_NODE_JAVA_OPTS}. */
    static NodeProcess start(OtherBuild build, String javaOptions, Path dataDir, int port, List<String> extraArgs) throws IOException {
        // The same JVM settings the mutual launcher gives a node.
        List<String> jvm = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Xms16m", "-Xmx256m", "-XX:+UseParallelGC",
                "-XX:TrimNativeHeapInterval=3000", "-XX:+ExitOnOutOfMemoryError"));
        String env = System.getenv("MUTUAL_NODE_JAVA_OPTS"); // e.g. a profiler, or another collector, for the node under load
        for (String options : new String[] {env == null ? "" : env, javaOptions}) {
            if (options.isBlank()) continue;
            List<String> extra = List.of(options.trim().split("\\s+"));
            if (extra.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) jvm.removeIf(o -> o.matches("-XX:\\+Use\\w+GC")); // one collector only
            jvm.addAll(extra); // after the defaults, so that a second -Xmx wins
        }
        List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--data", dataDir.toString()));
        args.addAll(extraArgs);
        List<String> cmd = build.command(jvm, args);
        Files.createDirectories(dataDir);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2"); // as the mutual launcher sets it
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the node's log is not needed once it runs; reading keeps its pipe from filling
                        }
                    } catch (IOException e) {
                        // the node exited
                    }
                }, "node-output");
                drain.setDaemon(true);
                drain.start();
                return new NodeProcess(p, URI.create(m.group(1)), dataDir);
            }
        }
        throw new IOException("node did not start:\n" + seen);
    }

    /** A port nothing listens on right now, for a node that must keep its address across restarts. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** The node's private memory in bytes (RssAnon + Pss_File, see {@link Memory}); -1 where /proc cannot tell. */
    public long privateBytes() {
        return memory().privateBytes();
    }

    /** The node's memory as /proc tells it apart. */
    Memory memory() {
        return Memory.of(process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The node's exit code, once it has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** CPU time the node has used, user and system, in seconds; -1 where /proc cannot tell. */
    public double cpuSeconds() {
        return Cpu.secondsOf(process.pid());
    }

    /** Kills the process without letting it shut down (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the node commits and closes cleanly
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }
}
