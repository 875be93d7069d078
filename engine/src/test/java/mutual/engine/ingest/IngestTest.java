package mutual.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mutual.store.EventStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mutual.engine.metrics.RelayMetrics;
import mutual.engine.testing.Keys;
import mutual.engine.testing.MutableClock;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest pipeline on its own, over the real SQLite store. */
class IngestTest {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.atStart();
    final SecretKey alice = Keys.key(61);
    final Source local = new Source.Local("test");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SqliteStore store;
    Ingest ingest;

    @BeforeEach
    void open() {
        store = SqliteStore.builder(dir).readers(1).clock(clock).open();
    }

    @AfterEach
    void close() {
        if (ingest != null) ingest.close();
        store.close();
    }

    Ingest start(mutual.store.EventStore s, List<Policy> policies, IngestConfig config) {
        ingest = Ingest.create(s, policies, config, clock, RelayMetrics.create(registry));
        return ingest;
    }

    Event note(int i) {
        return Keys.note(alice, clock.seconds() - i, "note " + i);
    }

    static Outcome await(CompletableFuture<Outcome> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWriterDoesTheStoresPutOffWorkOnceNoBatchWaits() throws Exception {
        GatedStore gated = new GatedStore(store);
        gated.open();
        start(gated, List.of(), IngestConfig.defaults());
        for (int i = 0; i < 3; i++) assertTrue(await(ingest.submit(note(i), local)).accepted());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gated.caughtUp.get() < 3 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(3, gated.caughtUp.get(), "the idle writer indexed the words of the three events");
        assertEquals(0, store.catchUp(100), "nothing is left");
    }

    @Test
    void aPolicyThatThrowsFailsClosed() throws Exception {
        start(store, List.of(Policy.of("broken", c -> { throw new IllegalStateException("boom"); })), IngestConfig.defaults());
        Outcome o = await(ingest.submit(note(1), local));
        assertEquals("error: could not check this event (broken)", o.message());
        assertFalse(o.accepted());
        assertEquals(0, store.size());
    }

    @Test
    void theFirstPolicyThatDoesNotAcceptDecides() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        start(store, List.of(
                Policy.of("one", c -> { ran.add("one"); return Verdict.accept(); }),
                Policy.of("two", c -> { ran.add("two"); return Verdict.reject(Prefix.BLOCKED, "not here"); }),
                Policy.of("three", c -> { ran.add("three"); return Verdict.accept(); })), IngestConfig.defaults());
        assertEquals("blocked: not here", await(ingest.submit(note(1), local)).message());
        assertEquals(List.of("one", "two"), ran);
    }

    @Test
    void aShadowRejectLooksAcceptedButStoresAndTellsNobody() throws Exception {
        List<Event> heard = new CopyOnWriteArrayList<>();
        start(store, List.of(Policy.of("shadow", c -> new Verdict.ShadowReject("spam"))), IngestConfig.defaults());
        ingest.addListener((e, s) -> heard.add(e));
        Outcome o = await(ingest.submit(note(1), local));
        assertTrue(o.accepted());
        assertEquals("", o.message());
        assertInstanceOf(Outcome.Shadowed.class, o);
        assertEquals(0, store.size());
        assertEquals(List.of(), heard);
    }

    @Test
    void signaturesAreCheckedBeforeAnyPolicy() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        start(store, List.of(Policy.of("spy", c -> { ran.add("spy"); return Verdict.accept(); })), IngestConfig.defaults());
        Outcome o = await(ingest.submit(Keys.tampered(note(1)), local));
        assertEquals("invalid: event id does not match its content", o.message());
        assertEquals(List.of(), ran);
    }

    @Test
    void listenersHearNewEventsOnceInCommitOrderButNotDuplicates() throws Exception {
        List<EventId> heard = new CopyOnWriteArrayList<>();
        start(store, List.of(), IngestConfig.defaults());
        ingest.addListener((e, s) -> heard.add(e.id()));
        Event a = note(1), b = note(2);
        await(ingest.submit(a, local));
        await(ingest.submit(b, local));
        assertInstanceOf(Outcome.AlreadyHave.class, await(ingest.submit(a, local)));
        ingest.close();
        assertEquals(List.of(a.id(), b.id()), heard);
    }

    @Test
    void ephemeralEventsSkipTheStoreButReachListeners() throws Exception {
        List<EventId> heard = new CopyOnWriteArrayList<>();
        start(store, List.of(), IngestConfig.defaults());
        ingest.addListener((e, s) -> heard.add(e.id()));
        Event e = Keys.event(alice, 20000, clock.seconds(), "ping");
        assertInstanceOf(Outcome.Broadcast.class, await(ingest.submit(e, local)));
        ingest.close();
        assertEquals(0, store.size());
        assertEquals(List.of(e.id()), heard);
    }

    @Test
    void theOkWaitsForTheCommitAndAFullWriterQueueSaysRateLimited() throws Exception {
        GatedStore gated = new GatedStore(store);
        start(gated, List.of(), new IngestConfig(1, 100, 2, 1, 1 << 20, 10));
        CompletableFuture<Outcome> first = ingest.submit(note(0), local);
        assertTrue(gated.writing.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<Outcome>> more = new ArrayList<>();
        for (int i = 1; i <= 5; i++) more.add(ingest.submit(note(i), local));
        // Two fit the writer's queue; the rest are turned away at once, without waiting for the store.
        int limited = 0;
        for (CompletableFuture<Outcome> f : more.subList(2, 5)) {
            Outcome o = await(f);
            assertEquals("rate-limited: the node is busy writing; try again shortly", o.message());
            limited++;
        }
        assertEquals(3, limited);
        assertFalse(first.isDone(), "no OK before the commit returned");
        gated.open();
        assertInstanceOf(Outcome.Stored.class, await(first));
        assertInstanceOf(Outcome.Stored.class, await(more.get(0)));
        assertInstanceOf(Outcome.Stored.class, await(more.get(1)));
        assertEquals(3, store.size());
    }

    @Test
    void noOkAndNoListenerBeforeTheCommitIsSyncedWhileTheWriterGoesOn() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        CountDownLatch syncing = new CountDownLatch(1);
        // The real store, whose sync (the fdatasync of its log) waits for the test.
        EventStore slowDisk = new SlowDisk(store, () -> {
            syncing.countDown();
            try {
                if (!disk.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the test never let the disk finish");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        List<EventId> heard = new CopyOnWriteArrayList<>();
        start(slowDisk, List.of(), IngestConfig.defaults());
        ingest.addListener((e, src) -> heard.add(e.id()));
        Event first = note(1), second = note(2);
        CompletableFuture<Outcome> a = ingest.submit(first, local);
        assertTrue(syncing.await(10, TimeUnit.SECONDS));
        // The writer does not wait for the disk: the next event is committed meanwhile.
        CompletableFuture<Outcome> b = ingest.submit(second, local);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.get(second.id()).isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(store.get(first.id()).isPresent() && store.get(second.id()).isPresent(), "both committed");
        Thread.sleep(200);
        assertFalse(a.isDone() || b.isDone(), "no OK before the sync returned");
        assertEquals(List.of(), heard, "no live subscriber hears of an event that may still be lost");
        disk.countDown();
        assertInstanceOf(Outcome.Stored.class, await(a));
        assertInstanceOf(Outcome.Stored.class, await(b));
        ingest.close();
        assertEquals(List.of(first.id(), second.id()), heard);
    }

    @Test
    void queuedEventsAreCommittedInBatchesAndCloseDrainsThem() throws Exception {
        GatedStore gated = new GatedStore(store);
        start(gated, List.of(), new IngestConfig(2, 1000, 1000, 50, 1 << 20, 10));
        ingest.submit(note(0), local);
        assertTrue(gated.writing.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<Outcome>> queued = new ArrayList<>();
        for (int i = 1; i <= 120; i++) queued.add(ingest.submit(note(i), local));
        // Wait until all 120 passed verification and sit in the writer's queue.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (registry.find("mutual.events.received").counter().count() < 121 && System.nanoTime() < deadline) Thread.sleep(10);
        Thread.sleep(200);
        gated.open();
        ingest.close();
        for (CompletableFuture<Outcome> f : queued) assertInstanceOf(Outcome.Stored.class, f.getNow(null));
        assertEquals(121, store.size());
        var batches = registry.find("mutual.write.batch.size").summary();
        assertEquals(121, (long) batches.totalAmount());
        assertTrue(batches.count() <= 5, "expected group commits of up to 50 events, got " + batches.count() + " commits");
        assertEquals(50.0, batches.max());
    }

    @Test
    void afterCloseSubmissionsAreRefusedWithAReason() throws Exception {
        start(store, List.of(), IngestConfig.defaults());
        ingest.close();
        assertEquals("error: the node is shutting down", await(ingest.submit(note(1), local)).message());
    }

    @Test
    void aWriterKilledByAnErrorRefusesWhatWaitsAndReportsWhyOnce() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        start(new SlowDisk(store, () -> {}).dyingOnWrite(), List.of(), IngestConfig.defaults());
        ingest.onFailure(told::add);
        assertEquals(java.util.Optional.empty(), ingest.problem());
        Outcome first = await(ingest.submit(note(1), local));
        assertEquals("error: the node can no longer store events", first.message());
        assertEquals("error: the node can no longer store events", await(ingest.submit(note(2), local)).message());
        assertTrue(ingest.problem().orElseThrow().contains("mutual-writer stopped: java.lang.OutOfMemoryError: simulated"), ingest.problem().toString());
        assertEquals(1, told.size(), "told once: " + told);
    }

    @Test
    void aNotifierKilledByAnErrorMakesTheNodeReportIngestFailed() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        start(store, List.of(), IngestConfig.defaults());
        ingest.onFailure(told::add);
        ingest.addListener((e, s) -> { throw new OutOfMemoryError("simulated"); });
        assertTrue(await(ingest.submit(note(1), local)).accepted(), "stored and acknowledged before listeners run");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (told.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(told.get(0).contains("mutual-notify stopped"), told.toString());
        assertTrue(ingest.problem().isPresent());
        assertEquals("error: the node can no longer store events", await(ingest.submit(note(2), local)).message());
    }

    /** The real store, with a hook that runs before each sync of its log. */
    private record SlowDisk(SqliteStore inner, Runnable beforeSync) implements EventStore {
        @Override public List<mutual.store.WriteOutcome> write(List<Event> batch) { return inner.write(batch); }
        @Override public List<mutual.store.WriteOutcome> writeDeferred(List<mutual.store.StoredEvent> batch) { return inner.writeDeferred(batch); }
        @Override public void sync() {
            beforeSync.run();
            inner.sync();
        }
        @Override public List<mutual.store.StoredEvent> queryStored(List<mutual.protocol.filter.Filter> f, mutual.store.Viewer v, int max) { return inner.queryStored(f, v, max); }
        @Override public long count(List<mutual.protocol.filter.Filter> f, mutual.store.Viewer v) { return inner.count(f, v); }
        @Override public java.util.Optional<mutual.store.StoredEvent> get(EventId id) { return inner.get(id); }
        @Override public void scan(long since, long until, java.util.function.Consumer<mutual.store.StoredEvent> visitor) { inner.scan(since, until, visitor); }
        @Override public int purgeExpired(long now) { return inner.purgeExpired(now); }
        @Override public long size() { return inner.size(); }
        @Override public java.util.Optional<String> integrityProblem() { return inner.integrityProblem(); }
        @Override public void close() {}

        /** This store, except that every write dies of an Error, as one did of a full heap in issue 17. */
        EventStore dyingOnWrite() {
            SlowDisk self = this;
            return new EventStore() {
                @Override public List<mutual.store.WriteOutcome> write(List<Event> batch) { throw new OutOfMemoryError("simulated"); }
                @Override public List<mutual.store.WriteOutcome> writeDeferred(List<mutual.store.StoredEvent> batch) { throw new OutOfMemoryError("simulated"); }
                @Override public List<mutual.store.StoredEvent> queryStored(List<mutual.protocol.filter.Filter> f, mutual.store.Viewer v, int max) { return self.queryStored(f, v, max); }
                @Override public long count(List<mutual.protocol.filter.Filter> f, mutual.store.Viewer v) { return self.count(f, v); }
                @Override public java.util.Optional<mutual.store.StoredEvent> get(EventId id) { return self.get(id); }
                @Override public void scan(long since, long until, java.util.function.Consumer<mutual.store.StoredEvent> visitor) { self.scan(since, until, visitor); }
                @Override public int purgeExpired(long now) { return 0; }
                @Override public long size() { return self.size(); }
                @Override public java.util.Optional<String> integrityProblem() { return java.util.Optional.empty(); }
                @Override public void close() {}
            };
        }
    }
}
