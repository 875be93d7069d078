package mutual.engine.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real nodes on loopback, real SQLite, real WebSockets: one reconciliation, then live peering. */
class PeeringTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Timer timer = new SchedulerTimer(scheduler, InstantSource.system());

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
        scheduler.shutdownNow();
    }

    private TestNode node(Path dir) {
        TestNode n = TestNode.start(dir);
        open.add(n);
        return n;
    }

    private static List<Event> events(int keySeed, int n, long at, String label) {
        SecretKey k = Keys.key(keySeed);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Keys.note(k, at + i, label + " " + i));
        return out;
    }

    private static void store(TestNode node, List<Event> events) {
        for (Event e : events) {
            Outcome o = node.node.submit(e, new Source.Local("test")).join();
            assertTrue(o instanceof Outcome.Stored, o.toString());
        }
    }

    private static Set<EventId> ids(TestNode node) {
        return node.store.query(List.of(Filter.builder().build()), Viewer.node(), Integer.MAX_VALUE).stream()
                .map(Event::id).collect(Collectors.toSet());
    }

    private SyncReport syncOnce(TestNode from, TestNode to, PeerSpec spec) throws Exception {
        PeerChannel ch = new WebSocketConnector(Duration.ofSeconds(5), Executors.newVirtualThreadPerTaskExecutor())
                .connect(spec.url()).get(10, TimeUnit.SECONDS);
        try {
            return new Reconciliation(ch, from.node.local(), spec, timer).run().get(60, TimeUnit.SECONDS);
        } finally {
            ch.close();
        }
    }

    private static String url(TestNode n) {
        return "ws://127.0.0.1:" + n.port + "/";
    }

    @Test
    void aMeshLinkIsCompressed() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        long text = storeRepetitiveNotes(a, b);
        // Ids and signatures are random hex, which deflate halves at best; the rest repeats.
        long wire = receivedOverOneSync(a, PeerSpec.of(url(b)));
        assertTrue(wire < text * 0.7, wire + " B on the wire for " + text + " B of events");
    }

    @Test
    void aPeerCanBeLinkedWithoutCompression() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        long text = storeRepetitiveNotes(a, b);
        long wire = receivedOverOneSync(a, PeerSpec.of(url(b)).withCompression(false));
        assertTrue(wire > text, wire + " B on the wire for " + text + " B of events: every byte, with frame headers");
    }

    /** 200 notes only b has, with the same words in each; returns the length of their JSON. */
    private long storeRepetitiveNotes(TestNode a, TestNode b) {
        List<Event> onlyB = events(3, 200, a.now() - 10_000, "the same few words, as notes often repeat each other's");
        store(b, onlyB);
        return onlyB.stream().mapToLong(e -> mutual.protocol.event.EventJson.write(e).length()).sum();
    }

    /** Bytes a received over a link opened as {@code peer} asks, during one reconciliation that fetches b's 200 notes. */
    private long receivedOverOneSync(TestNode a, PeerSpec peer) throws Exception {
        PeerChannel ch = new WebSocketConnector(Duration.ofSeconds(5), Executors.newVirtualThreadPerTaskExecutor())
                .connect(peer).get(10, TimeUnit.SECONDS);
        try {
            SyncReport r = new Reconciliation(ch, a.node.local(), peer, timer).run().get(60, TimeUnit.SECONDS);
            assertEquals(200, r.received(), r.summary());
            return ch.bytesReceived();
        } finally {
            ch.close();
        }
    }

    @Test
    void oneReconciliationMovesExactlyTheDifferenceBothWays() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        long t = a.now() - 10_000;
        List<Event> common = events(1, 600, t, "common"), onlyA = events(2, 45, t + 7, "a"), onlyB = events(3, 70, t + 3, "b");
        store(a, common);
        store(b, common);
        store(a, onlyA);
        store(b, onlyB);

        SyncReport r = syncOnce(a, b, PeerSpec.of(url(b)));

        assertEquals(45, r.have(), r.summary());
        assertEquals(70, r.need(), r.summary());
        assertEquals(45, r.sent(), r.summary());
        assertEquals(70, r.received(), r.summary());
        assertEquals(0, r.rejected() + r.refused() + r.missing(), r.summary());
        assertEquals(ids(a), ids(b));
        assertEquals(715, ids(a).size());
        // a second sync finds nothing to do, in one round
        SyncReport again = syncOnce(a, b, PeerSpec.of(url(b)));
        assertEquals(0, again.have() + again.need(), again.summary());
        assertEquals(1, again.rounds(), again.summary());
    }

    @Test
    void aPeerThatRefusesALargeSetGetsItInTimeWindows() throws Exception {
        TestNode a = node(dirA);
        TestNode b = TestNode.start(dirB, c -> c.relay(mutual.engine.relay.RelayConfig.defaults()
                .withMessageRate(mutual.engine.policy.PolicyConfig.Rate.unlimited()).withMaxSyncRecords(100)));
        open.add(b);
        long t = a.now() - 100_000;
        List<Event> onB = new ArrayList<>();
        SecretKey k = Keys.key(14);
        for (int i = 0; i < 450; i++) onB.add(Keys.note(k, t + i * 200L, "spread " + i));
        store(b, onB);
        store(a, events(15, 30, t + 5, "a"));

        SyncReport r = syncOnce(a, b, PeerSpec.of(url(b)));

        assertEquals(450, r.received(), r.summary());
        assertEquals(30, r.sent(), r.summary());
        assertTrue(r.rounds() > 4, "windows were halved: " + r.summary());
        assertEquals(ids(a), ids(b));
    }

    @Test
    void aDeletionSyncsAndTheDeletedEventIsNotCountedAsAnError() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        long t = a.now() - 10_000;
        SecretKey k = Keys.key(16);
        Event doomed = Keys.note(k, t, "posted by mistake");
        Event deletion = Keys.event(k, 5, t + 10, "", Tag.of("e", doomed.id().hex()));
        store(a, List.of(doomed, deletion)); // a has the request (and so no longer the event)
        store(b, List.of(doomed)); // b only the event

        SyncReport r = syncOnce(a, b, PeerSpec.of(url(b)));

        assertEquals(0, r.rejected() + r.refused(), r.summary());
        assertEquals(ids(a), ids(b));
        assertEquals(Set.of(deletion.id()), ids(b));
    }

    @Test
    void directionAndFilterLimitWhatMoves() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        long t = a.now() - 10_000;
        SecretKey k = Keys.key(4);
        List<Event> aNotes = events(5, 20, t, "a"), bNotes = events(6, 30, t, "b");
        Event bListing = Keys.event(k, 30402, t, "a listing", Tag.of("d", "x"));
        store(a, aNotes);
        store(b, bNotes);
        store(b, List.of(bListing));

        SyncReport down = syncOnce(a, b, new PeerSpec(url(b), Filter.builder().kinds(30402).build(), Direction.DOWN));
        assertEquals(1, down.received(), down.summary());
        assertEquals(0, down.sent(), down.summary());
        assertTrue(ids(a).contains(bListing.id()));
        assertEquals(21, ids(a).size());
        assertEquals(31, ids(b).size());

        SyncReport up = syncOnce(a, b, new PeerSpec(url(b), Filter.builder().build(), Direction.UP));
        assertEquals(20, up.sent(), up.summary());
        assertEquals(0, up.received(), up.summary());
        assertEquals(51, ids(b).size());
        assertEquals(21, ids(a).size());
    }

    @Test
    void forgedEventsFromAPeerAreRejectedCountedAndTheSyncGoesOn() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        long t = a.now() - 10_000;
        List<Event> good = events(7, 10, t, "good");
        store(b, good);
        // b's database holds forged events (written past its ingest, as a lying node would serve them)
        List<Event> forged = events(8, 5, t, "forged").stream().map(Keys::tampered).toList();
        b.store.write(forged);

        SyncReport r = syncOnce(a, b, new PeerSpec(url(b), Filter.builder().build(), Direction.DOWN));

        assertEquals(15, r.need(), r.summary());
        assertEquals(10, r.received(), r.summary());
        assertEquals(5, r.rejected(), r.summary());
        assertTrue(r.lastError().contains("invalid:"), r.lastError());
        assertEquals(good.stream().map(Event::id).collect(Collectors.toSet()), ids(a));
    }

    @Test
    void peersStreamLiveBothWaysAndHealAfterARestart() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        long t = a.now() - 100;
        store(a, events(9, 5, t, "before a"));
        store(b, events(10, 7, t, "before b"));
        a.node.mesh().apply(List.of(PeerSpec.of(url(b))));
        waitFor("a and b agree after the first sync", () -> ids(a).size() == 12 && ids(b).size() == 12);
        waitFor("the link is live", () -> a.node.mesh().links().getFirst().isLive());

        Event liveA = Keys.note(Keys.key(11), a.now(), "live from a");
        Event liveB = Keys.note(Keys.key(12), b.now(), "live from b");
        store(a, List.of(liveA));
        store(b, List.of(liveB));
        waitFor("live events cross", () -> ids(b).contains(liveA.id()) && ids(a).contains(liveB.id()));

        // b goes away; a keeps taking events; b comes back on the same port and data
        int port = b.port;
        open.remove(b);
        b.close();
        List<Event> whileAway = events(13, 25, a.now() - 50, "while b was away");
        store(a, whileAway);
        waitFor("a notices", () -> a.node.mesh().status().getFirst().errors() > 0);
        TestNode b2 = TestNode.start(dirB, c -> c.port(port));
        open.add(b2);
        waitFor("a reconnects and b catches up", () -> ids(b2).containsAll(whileAway.stream().map(Event::id).toList()));
        assertEquals(ids(a), ids(b2));
        waitFor("the sync after the restart is reported", () -> a.node.mesh().status().getFirst().sent() >= 26);
        PeerStatus s = a.node.mesh().status().getFirst();
        assertTrue(s.sent() >= 26, s.toString());
        assertTrue(s.received() >= 8, s.toString());
        assertTrue(s.lastSyncAt().isPresent(), s.toString());
    }

    @Test
    void eventsAnotherProcessWritesIntoTheFolderReachPeersWithoutWaitingForTheInterval() throws Exception {
        TestNode a = node(dirA), b = node(dirB);
        a.node.mesh().apply(List.of(PeerSpec.of(url(b))));
        waitFor("the link is live", () -> a.node.mesh().links().getFirst().isLive());
        // As `mutual bundle import --data` does on a running node's folder: a second writer, whose
        // commits no listener of the node sees. The node's sync index does not know these events.
        List<Event> carried = events(15, 40, a.now() - 30, "carried by hand");
        try (SqliteStore other = SqliteStore.builder(dirA).readers(1).open()) {
            other.write(carried);
        }
        // The interval is minutes away: only a reconciliation started on noticing the write, over
        // an index read again, sends them.
        waitFor("b gets what was written into a's folder", () -> ids(b).containsAll(carried.stream().map(Event::id).toList()));
        assertEquals(ids(a), ids(b));
    }

    @Test
    void anEventPublishedAgainWhileItsOkIsAwaitedGetsBothAnswers() throws Exception {
        TestNode b = node(dirB);
        PeerChannel ch = new WebSocketConnector(Duration.ofSeconds(5), Executors.newVirtualThreadPerTaskExecutor())
                .connect(url(b)).get(10, TimeUnit.SECONDS);
        try {
            // as when a reconciliation and the live stream offer the same event at once
            Event e = Keys.note(Keys.key(14), b.now(), "offered twice");
            var first = ch.publish(e);
            var second = ch.publish(e);
            assertTrue(first.get(10, TimeUnit.SECONDS).accepted());
            assertTrue(second.get(10, TimeUnit.SECONDS).accepted());
            assertEquals(Set.of(e.id()), ids(b));
        } finally {
            ch.close();
        }
    }

    /**
     * B limits each client address to 1 event a second (bursts of 5) and lists A's node key as a
     * peer: A's link authenticates with that key (NIP-42), so a burst A streams to B over loopback,
     * the address every local client shares, is not throttled as one client would be.
     */
    @Test
    void aPeerAuthenticatedAsAListedNodeKeyIsNotLimitedAsOneClient() throws Exception {
        TestNode a = node(dirA);
        SecretKey aKey = Keys.key(999); // TestNode's node key
        TestNode b = TestNode.start(dirB, c -> c.policy(mutual.engine.policy.PolicyConfig.defaults()
                .withRates(new mutual.engine.policy.PolicyConfig.Rate(1, 5), mutual.engine.policy.PolicyConfig.Rate.unlimited())
                .withPeerKeys(Set.of(aKey.publicKey()))));
        open.add(b);
        a.node.mesh().apply(List.of(new PeerSpec(url(b), Filter.builder().build(), Direction.UP)));
        waitFor("the link is live", () -> a.node.mesh().links().getFirst().isLive());
        List<Event> burst = events(40, 60, a.now() - 600, "streamed");
        store(a, burst);
        waitFor("b takes the whole burst", () -> ids(b).containsAll(burst.stream().map(Event::id).toList()));
        PeerStatus st = a.node.mesh().status().getFirst();
        assertEquals(0, st.errors(), () -> "refusals: " + st.lastError());
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting: " + what);
            Thread.sleep(50);
        }
    }
}
