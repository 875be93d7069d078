package mutual.app.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mutual.engine.mesh.Mesh;
import mutual.engine.mesh.PeerSpec;
import mutual.engine.mesh.PeerStatus;
import mutual.store.Leadership;

/**
 * Keeps a running node's mesh equal to its peers ({@code --peer} flags and {@code DATA/peers.conf},
 * re-read whenever it changes) and writes how each peer stands to {@code DATA/peers.status}, which
 * {@code mutual peer list} reads. A peers.conf that does not parse is reported and the peers
 * stay as they were. Where several node processes share one store, only the one that leads
 * ({@link Leadership}) keeps the mesh; the others keep none, and take it up when they lead.
 */
public final class PeerWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerWatch.class.getName());
    public static final String STATUS_FILE = "peers.status";
    static final long EVERY_MILLIS = 2000;

    private final Path file;
    private final Path statusFile;
    private final List<PeerSpec> fromFlags;
    private final Mesh mesh;
    private final Leadership leadership;
    private List<PeerSpec> fromFile = List.of();
    private boolean appliedAsLeader;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mutual-peers").daemon(true).factory());
    private String seen = "";
    private String lastStatus = "";
    private final LagLog lag = new LagLog();

    private PeerWatch(Path dataDir, List<PeerSpec> fromFlags, Mesh mesh, Leadership leadership) {
        this.leadership = leadership;
        this.file = PeerFile.in(dataDir);
        this.statusFile = dataDir.resolve(STATUS_FILE);
        this.fromFlags = List.copyOf(fromFlags);
        this.mesh = mesh;
    }

    /** Applies the peers now (throwing if peers.conf is bad), then follows changes. */
    public static PeerWatch start(Path dataDir, List<PeerSpec> fromFlags, Mesh mesh) throws IOException {
        return start(dataDir, fromFlags, mesh, Leadership.sole());
    }

    /** As {@link #start(Path, List, Mesh)}, keeping the mesh only while this process leads. */
    public static PeerWatch start(Path dataDir, List<PeerSpec> fromFlags, Mesh mesh, Leadership leadership) throws IOException {
        PeerWatch w = new PeerWatch(dataDir, fromFlags, mesh, leadership);
        w.seen = w.stamp();
        w.apply(PeerFile.read(w.file));
        w.executor.scheduleWithFixedDelay(w::tick, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return w;
    }

    private void apply(List<PeerSpec> fromFile) {
        this.fromFile = List.copyOf(fromFile);
        List<PeerSpec> all = new ArrayList<>(fromFlags);
        all.addAll(fromFile);
        appliedAsLeader = leadership.leads();
        mesh.apply(appliedAsLeader ? all : List.of());
    }

    private void tick() {
        try {
            String now = stamp();
            if (!now.equals(seen)) {
                seen = now;
                try {
                    List<PeerSpec> peers = PeerFile.read(file);
                    apply(peers);
                    LOG.log(System.Logger.Level.INFO, file + " changed: now " + (peers.size() + fromFlags.size()) + " peers");
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring the change to " + file + ": " + e.getMessage());
                }
            }
            if (leadership.leads() != appliedAsLeader) {
                apply(fromFile);
                LOG.log(System.Logger.Level.INFO, appliedAsLeader ? "leading: keeping the mesh with " + mesh.links().size() + " peers"
                        : "another process leads: the mesh is left to it");
            }
            List<PeerStatus> status = mesh.status();
            writeStatus(status);
            lag.check(status, Instant.now());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "peer bookkeeping failed: " + e);
        }
    }

    private String stamp() throws IOException {
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (NoSuchFileException e) {
            return "none";
        }
    }

    private void writeStatus(List<PeerStatus> status) throws IOException {
        String text = StatusLines.format(status);
        if (text.equals(lastStatus)) return;
        Path tmp = mutual.store.OwnerOnly.file(statusFile.resolveSibling(STATUS_FILE + ".tmp"));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, statusFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        lastStatus = text;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            Files.deleteIfExists(statusFile); // stale once the node stops
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The status file: one tab-separated line per peer; tabs and newlines in reasons become spaces. */
    public static final class StatusLines {
        private StatusLines() {}

        /** One peer as {@code mutual peer list} shows it. */
        public record Row(String url, String state, Optional<Instant> lastSync, long sent, long received, long errors,
                          String lastError, String lastSyncSummary, int unconfirmed, Optional<Instant> behindSince) {
            /** Whole seconds the peer was behind this node at {@code now}; 0 when it had everything. */
            public long secondsBehind(Instant now) {
                return PeerStatus.secondsBehind(behindSince, now);
            }
        }

        static String format(List<PeerStatus> peers) {
            StringBuilder sb = new StringBuilder();
            for (PeerStatus p : peers) {
                sb.append(p.url()).append('\t').append(p.state().label()).append('\t')
                        .append(millis(p.lastSyncAt())).append('\t')
                        .append(p.sent()).append('\t').append(p.received()).append('\t').append(p.errors()).append('\t')
                        .append(clean(p.lastError())).append('\t')
                        .append(clean(p.lastSync().map(s -> s.summary()).orElse(""))).append('\t')
                        .append(p.unconfirmed()).append('\t').append(millis(p.behindSince())).append('\n');
            }
            return sb.toString();
        }

        public static List<Row> read(Path dataDir) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(dataDir.resolve(STATUS_FILE), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return List.of();
            }
            List<Row> rows = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.split("\t", -1);
                if (f.length < 8) continue;
                rows.add(new Row(f[0], f[1], instant(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), f[6], f[7],
                        f.length > 9 ? Integer.parseInt(f[8]) : 0, f.length > 9 ? instant(f[9]) : Optional.empty()));
            }
            return rows;
        }

        private static String millis(Optional<Instant> t) {
            return t.map(i -> Long.toString(i.toEpochMilli())).orElse("-");
        }

        private static Optional<Instant> instant(String field) {
            return field.equals("-") ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(field)));
        }

        private static String clean(String s) {
            return Objects.requireNonNullElse(s, "").replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        }
    }
}
