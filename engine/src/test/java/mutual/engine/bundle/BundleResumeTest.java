package mutual.engine.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.StoredEvent;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupted imports finish on the next run, and the reader never runs far ahead of the writer. */
class BundleResumeTest {
    @TempDir Path dir;
    final BundleFixture fx = new BundleFixture();
    final SecretKey alice = Keys.key(21), bob = Keys.key(22);
    SqliteStore source, target;
    Path file;

    @BeforeEach
    void export() {
        source = fx.store(dir.resolve("source"));
        target = fx.store(dir.resolve("target"));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) events.add(Keys.note(i % 2 == 0 ? alice : bob, fx.clock.seconds() - 5000 + i, "event " + i));
        BundleFixture.write(source, events);
        file = dir.resolve("big.bundle");
        BundleExport.write(source, BundleExport.Selection.everything(), file, fx.clock);
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    BundleImport.Options options() {
        BundleImport.Options d = BundleImport.Options.defaults();
        return new BundleImport.Options(256, d.decodeThreads(), d.maxLineBytes(), d.limits(), 100,
                Optional.of(Checkpoints.in(dir.resolve("target").resolve("bundle-imports"))));
    }

    /** Runs an import into a store that asks the import to stop after {@code batches} commits. */
    BundleImport.Summary stoppedAfter(int batches) throws Exception {
        AtomicReference<BundleImport> running = new AtomicReference<>();
        AtomicInteger commits = new AtomicInteger();
        EventStore stopping = new Forwarding(target, batch -> {
            if (commits.incrementAndGet() == batches) running.get().stop();
        });
        BundleImport imp = BundleImport.create(stopping, BundleFixture.policies(), fx.clock, file, options());
        running.set(imp);
        return imp.run();
    }

    @Test
    void aStoppedImportResumesFromItsCheckpointAndFinishes() throws Exception {
        BundleImport.Summary first = stoppedAfter(3);
        assertTrue(first.stopped());
        assertEquals(Optional.empty(), first.damage());
        long done = first.counts().stored();
        assertTrue(done > 0 && done < 3000, "stored " + done);
        assertEquals(done, target.size());
        Checkpoints.Checkpoint saved = Checkpoints.in(dir.resolve("target").resolve("bundle-imports"))
                .load(first.manifest().sha256()).orElseThrow();
        assertEquals(done, saved.lines());

        BundleImport.Summary second = fx.importInto(target, file, options());

        assertEquals(done, second.resumedAfter());
        assertEquals(Optional.empty(), second.damage());
        assertEquals(3000, second.counts().stored()); // counts cover the whole file, both runs together
        assertEquals(0, second.counts().duplicate());
        assertEquals(BundleFixture.contents(source), BundleFixture.contents(target));
        assertFalse(Files.exists(dir.resolve("target").resolve("bundle-imports").resolve(first.manifest().sha256() + ".json")));
    }

    @Test
    void withoutACheckpointARerunSkipsWhatIsAlreadyStoredAndFinishes() throws Exception {
        BundleImport.Summary first = stoppedAfter(5);
        long done = first.counts().stored();
        Files.delete(dir.resolve("target").resolve("bundle-imports").resolve(first.manifest().sha256() + ".json"));

        BundleImport.Summary second = fx.importInto(target, file, options());

        assertEquals(0, second.resumedAfter());
        assertEquals(done, second.counts().duplicate());
        assertEquals(3000 - done, second.counts().stored());
        assertEquals(BundleFixture.contents(source), BundleFixture.contents(target));
    }

    @Test
    void theReaderStaysWithinItsWindowWhileTheWriterIsHeld() throws Exception {
        CountDownLatch writing = new CountDownLatch(1), release = new CountDownLatch(1);
        EventStore held = new Forwarding(target, batch -> {
            writing.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BundleImport imp = BundleImport.create(held, BundleFixture.policies(), fx.clock, file, options());
        CompletableFuture<BundleImport.Summary> run = CompletableFuture.supplyAsync(() -> {
            try {
                return imp.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(writing.await(30, TimeUnit.SECONDS));
        Thread.sleep(300);
        long read = imp.progress().linesRead();
        release.countDown();
        BundleImport.Summary s = run.get(60, TimeUnit.SECONDS);
        assertTrue(read <= 256 + BundleImport.CHUNK_LINES, "read " + read + " lines with the writer held");
        assertEquals(3000, s.counts().stored());
    }

    /** The real store, with a hook that runs before each batch is written. */
    static class Forwarding implements EventStore {
        final EventStore inner;
        final Consumer<List<Event>> beforeWrite;

        Forwarding(EventStore inner, Consumer<List<Event>> beforeWrite) {
            this.inner = inner;
            this.beforeWrite = beforeWrite;
        }

        @Override public List<WriteOutcome> write(List<Event> batch) {
            beforeWrite.accept(batch);
            return inner.write(batch);
        }
        @Override public List<StoredEvent> queryStored(List<Filter> filters, Viewer viewer, int maxLimit) { return inner.queryStored(filters, viewer, maxLimit); }
        @Override public long count(List<Filter> filters, Viewer viewer) { return inner.count(filters, viewer); }
        @Override public Optional<StoredEvent> get(EventId id) { return inner.get(id); }
        @Override public void scan(long since, long until, Consumer<StoredEvent> visitor) { inner.scan(since, until, visitor); }
        @Override public int purgeExpired(long now) { return inner.purgeExpired(now); }
        @Override public long size() { return inner.size(); }
        @Override public java.util.Optional<String> integrityProblem() { return inner.integrityProblem(); }
        @Override public void close() {}
    }
}
