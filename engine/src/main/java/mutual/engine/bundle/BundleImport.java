package mutual.engine.bundle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mutual.engine.bundle.Checkpoints.Checkpoint;
import mutual.engine.ingest.Ingest;
import mutual.engine.ingest.IngestConfig;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Source;
import mutual.engine.metrics.RelayMetrics;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import mutual.store.EventStore;

/**
 * Takes a bundle into a store through the one ingest path (docs/architecture.md): one thread reads and
 * unzips the file and hashes it, a pool decodes the lines on every core, and the {@link Ingest}
 * checks ids and signatures on every core, applies the policies and commits in batches. At most
 * {@link Options#window} lines are in flight, so memory stays flat however large the file is.
 * Outcomes are counted per line ({@link Counts}); a checkpoint lets an interrupted import resume.
 */
public final class BundleImport {
    /**
     * @param window        most lines between the reader and their outcome
     * @param decodeThreads threads decoding JSON (the ingest's verifiers are one per core besides)
     * @param maxLineBytes  longest line taken as an event; longer ones are invalid
     * @param limits        decoding limits for each event
     * @param batchEvents   most events the writer commits in one transaction
     * @param checkpoints   where to record progress, if anywhere
     */
    public record Options(int window, int decodeThreads, int maxLineBytes, Limits limits, int batchEvents,
                          Optional<Checkpoints> checkpoints) {
        public Options {
            if (window < 2 * CHUNK_LINES) throw new IllegalArgumentException("the window must hold at least " + 2 * CHUNK_LINES + " lines");
            if (decodeThreads < 1 || maxLineBytes < 1 || batchEvents < 1) throw new IllegalArgumentException("import sizes must be positive");
        }

        public static Options defaults() {
            Limits limits = Limits.defaults();
            // Large transactions: a commit writes each page it changed once, and index pages are shared
            // by many events of one batch. Measured with WriterBenchmark on the relay benchmark's
            // events: 2,000 per commit writes half the bytes of 500 and takes 21% less time; 5,000, 26% less.
            // But every line in the window is alive until its outcome, and with 8,192 of them (commits
            // of 4,000) they outgrew the young generation of a 256 MiB heap: each collection copied
            // them and moved some to the old one, 20-22 us of collector CPU per event; with 4,096
            // (commits of 2,000) 9-12 us, and the writer's CPU per event about the same (docs/node.md).
            return new Options(4096, Runtime.getRuntime().availableProcessors(), limits.maxMessageBytes(), limits, 2000, Optional.empty());
        }

        public Options withCheckpoints(Checkpoints c) {
            return new Options(window, decodeThreads, maxLineBytes, limits, batchEvents, Optional.of(c));
        }
    }

    /** A snapshot for a progress line: how much of the file is read, and what became of its lines. */
    public record Progress(long fileBytes, long compressedRead, long expectedLines, long linesRead, long linesDone, long resumedAfter,
                           Counts counts, Duration elapsed) {
        /** Share of the compressed file read, 0 to 1. */
        public double fraction() {
            return fileBytes == 0 ? 1 : Math.min(1, compressedRead / (double) fileBytes);
        }

        /** Lines finished per second in this run. */
        public double perSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : (linesDone - resumedAfter) / s;
        }
    }

    /**
     * The end of an import. {@code damage} says what was wrong with the file (cut short, not
     * matching its checksum or count); it is empty for a whole file. {@code stopped} is true when
     * {@link #stop()} ended the run before the end of the file (a later run continues).
     */
    public record Summary(Path file, Manifest manifest, Counts counts, long linesRead, long resumedAfter, Optional<String> damage,
                          boolean stopped, Duration elapsed) {
        /** The whole file was read, nothing was wrong with it, and every line has its outcome. */
        public boolean complete() {
            return damage.isEmpty() && !stopped;
        }

        public double perSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : (linesRead - resumedAfter) / s;
        }
    }

    static final int CHUNK_LINES = 64;
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final long CHECKPOINT_EVERY_NANOS = 1_000_000_000L;

    private final EventStore store;
    private final List<Policy> policies;
    private final InstantSource clock;
    private final Path file;
    private final Options options;
    private volatile BundleReader reader;
    private volatile Ledger ledger;
    private volatile long resumedAfter;
    private volatile long startNanos = System.nanoTime();
    private volatile boolean stopping;

    private BundleImport(EventStore store, List<Policy> policies, InstantSource clock, Path file, Options options) {
        this.store = store;
        this.policies = List.copyOf(policies);
        this.clock = clock;
        this.file = file;
        this.options = options;
    }

    /** An import of {@code file} into {@code store}, admitting events by {@code policies} (the node's, usually). */
    public static BundleImport create(EventStore store, List<Policy> policies, InstantSource clock, Path file, Options options) {
        return new BundleImport(store, policies, clock, file, options);
    }

    /**
     * Runs the import to the end of the file (or until {@link #stop()}); returns when every line
     * read has its final outcome and stored events are durable.
     *
     * @throws BundleException when the file is not a bundle at all
     * @throws IOException     when it cannot be opened
     */
    public Summary run() throws IOException {
        startNanos = System.nanoTime();
        try (BundleReader r = BundleReader.open(file, options.maxLineBytes())) {
            reader = r;
            Manifest m = r.manifest();
            Checkpoint start = options.checkpoints().flatMap(c -> c.load(m.sha256()))
                    .filter(c -> c.lines() <= m.count()).orElse(new Checkpoint(0, Counts.none()));
            resumedAfter = start.lines();
            Ledger l = new Ledger(options.window(), start.lines(), start.counts());
            ledger = l;
            Optional<String> damage = feed(r, l, m, start.lines());
            Counts counts = l.counts();
            if (options.checkpoints().isPresent()) {
                if (damage.isEmpty() && !stopping && counts.failed() == 0) options.checkpoints().get().clear(m.sha256());
                else options.checkpoints().get().save(m.sha256(), l.checkpoint());
            }
            return new Summary(file, m, counts, r.lines(), start.lines(), damage, stopping, Duration.ofNanos(System.nanoTime() - startNanos));
        } finally {
            reader = null;
        }
    }

    /** Reads every line into the pipeline (until stopped); returns what was wrong with the file, if anything. */
    private Optional<String> feed(BundleReader r, Ledger l, Manifest m, long skip) throws IOException {
        Lines lines = new Lines(l, new Source.Bundle(file), Json.create(options.limits()), options.maxLineBytes());
        Ingest ingest = Ingest.create(store, lines.withMarker(policies), ingestConfig(), clock,
                RelayMetrics.create(new SimpleMeterRegistry()));
        ExecutorService decoders = Executors.newFixedThreadPool(options.decodeThreads(),
                Thread.ofPlatform().name("mutual-bundle-decode-", 0).daemon(true).factory());
        Optional<String> damage = Optional.empty();
        long last = 0;
        try {
            List<BundleReader.Line> chunk = new ArrayList<>(CHUNK_LINES);
            int chunkBytes = 0;
            long nextSave = System.nanoTime() + CHECKPOINT_EVERY_NANOS;
            try {
                Optional<BundleReader.Line> next;
                while (!stopping && (next = r.next()).isPresent()) {
                    BundleReader.Line line = next.get();
                    last = line.number();
                    if (last <= skip) continue; // finished by an earlier run: hashed for the checksum, not taken again
                    l.awaitRoom(last);
                    chunk.add(line);
                    chunkBytes += line.bytes().map(b -> b.length).orElse(0);
                    if (chunk.size() == CHUNK_LINES || chunkBytes >= CHUNK_BYTES) {
                        List<BundleReader.Line> full = List.copyOf(chunk);
                        decoders.execute(() -> full.forEach(x -> lines.take(ingest, x)));
                        chunk.clear();
                        chunkBytes = 0;
                    }
                    if (options.checkpoints().isPresent() && System.nanoTime() > nextSave) {
                        options.checkpoints().get().save(m.sha256(), l.checkpoint());
                        nextSave = System.nanoTime() + CHECKPOINT_EVERY_NANOS;
                    }
                }
            } catch (IOException e) {
                damage = Optional.of("the file is damaged or cut short after event line " + r.lines() + " (" + e.getMessage() + ")");
            }
            List<BundleReader.Line> rest = List.copyOf(chunk);
            decoders.execute(() -> rest.forEach(x -> lines.take(ingest, x)));
            l.awaitAll(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the import was interrupted", e);
        } finally {
            decoders.shutdown();
            ingest.close();
        }
        if (damage.isPresent()) return damage;
        if (stopping) return Optional.empty(); // not read to the end: nothing to say about the file yet
        String sha = r.sha256();
        if (r.lines() != m.count())
            return Optional.of("the file holds " + r.lines() + " event lines, its manifest says " + m.count());
        if (r.eventBytes() != m.bytes() || !sha.equals(m.sha256()))
            return Optional.of("the event lines do not match the manifest's checksum (sha256 " + sha + ", expected " + m.sha256() + ")");
        return Optional.empty();
    }

    private IngestConfig ingestConfig() {
        int cores = Runtime.getRuntime().availableProcessors();
        // Queues larger than the window: the window, not a full queue, is what holds the reader back.
        int queue = options.window() + CHUNK_LINES;
        return new IngestConfig(cores, queue, queue, options.batchEvents(), 8 << 20, 1000);
    }

    /** Asks a running import to stop reading; {@link #run()} then finishes the lines in flight, saves its checkpoint and returns. */
    public void stop() {
        stopping = true;
    }

    /** Where the import is now; callable from any thread while {@link #run()} runs. */
    public Progress progress() {
        BundleReader r = reader;
        Ledger l = ledger;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        if (r == null || l == null) return new Progress(0, 0, 0, 0, 0, 0, Counts.none(), elapsed);
        return new Progress(r.fileBytes(), r.compressedBytesRead(), r.manifest().count(), r.lines(), l.done(), resumedAfter, l.counts(), elapsed);
    }
}
