package mutual.store.postgres;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import mutual.store.Viewer;
import mutual.store.contract.CuttableLink;
import mutual.store.contract.Fixture;
import mutual.store.contract.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the PostgreSQL store promises: several processes on one database, and URLs that keep passwords out of logs. */
class PostgresStoreTest {
    private static String url;

    @BeforeAll
    static void database() {
        TestPostgres.unreachable().ifPresent(Assumptions::abort);
        url = TestPostgres.createDatabase();
    }

    @AfterAll
    static void drop() {
        if (url != null) TestPostgres.dropDatabase(url);
    }

    static PostgresStore open() {
        return PostgresStore.open(PgUrl.parse(url), 4, InstantSource.fixed(Instant.ofEpochSecond(NOW)));
    }

    @Test
    void twoProcessesWritingVersionsOfOneAddressAtOnceLeaveOnlyTheWinner() throws Exception {
        Fixture fx = new Fixture(21);
        SecretKey alice = fx.key();
        int rounds = 60;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (EventStore a = open(); EventStore b = open()) {
            List<Event> winners = new ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<?>> done = new ArrayList<>();
            List<List<Event>> mine = List.of(new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                // One address per round, both versions at one time: the lowest id must win (NIP-01).
                Event x = event(alice, 30402, NOW - 100, "a" + round, tag("d", "round " + round));
                Event y = event(alice, 30402, NOW - 100, "b" + round, tag("d", "round " + round));
                mine.get(0).add(x);
                mine.get(1).add(y);
                winners.add(x.id().compareTo(y.id()) < 0 ? x : y);
            }
            for (int t = 0; t < 2; t++) {
                EventStore s = t == 0 ? a : b;
                List<Event> versions = mine.get(t);
                done.add(pool.submit(() -> {
                    for (Event e : versions) {
                        start.await();
                        s.write(List.of(e));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            Comparator<Event> order = Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id);
            winners.sort(order);
            List<Event> stored = a.query(List.of(filter().authors(alice.publicKey()).build()), Viewer.node(), 1000);
            assertEquals(rounds, stored.size(), "one version per address, not two");
            assertEquals(winners.stream().map(e -> e.id().hex()).toList(), stored.stream().map(e -> e.id().hex()).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whatOneProcessCommitsTheOtherHearsOfAndReadsButNotItsOwn() throws Exception {
        SecretKey alice = new Fixture(22).key();
        try (EventStore a = open(); EventStore b = open()) {
            a.changedElsewhere();
            b.changedElsewhere();
            Event note = event(alice, 1, NOW - 5, "from a");
            a.write(List.of(note));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!b.changedElsewhere()) {
                assertTrue(System.nanoTime() < deadline, "b never heard of a's commit");
                Thread.sleep(20);
            }
            EventStore.Elsewhere heard = b.writtenElsewhere(100);
            assertEquals(List.of(note), heard.events());
            assertFalse(heard.more());
            assertFalse(a.changedElsewhere(), "a's own commit is not news to a");
            assertEquals(List.of(), a.writtenElsewhere(100).events());
        }
    }

    @Test
    void aListenerWhoseConnectionDropsStillHearsWhatWasCommittedMeanwhileButNotItsOwn() throws Exception {
        SecretKey alice = new Fixture(23).key(), bob = new Fixture(24).key();
        try (EventStore a = open(); EventStore b = open()) {
            Event before = event(alice, 1, NOW - 9, "heard live");
            a.write(List.of(before));
            awaitHeard(b, List.of(before));
            Event own = event(bob, 1, NOW - 8, "b's own");
            b.write(List.of(own));
            // Every listening connection of the database is ended (a's too; it has nothing to hear).
            try (java.sql.Connection admin = PgUrl.parse(url).connect("test", 10); java.sql.Statement st = admin.createStatement()) {
                st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'mutual listen'"
                        + " AND datname = current_database()").close();
            }
            List<Event> meanwhile = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Event e = event(alice, 1, NOW - 7 + i, "while b was not listening " + i);
                a.write(List.of(e));
                meanwhile.add(e);
            }
            EventStore.Elsewhere heard = awaitHeard(b, meanwhile);
            assertTrue(heard.more(), "a reconnect is reported, so that the node also reconciles with its peers");
            assertEquals(List.of(), b.writtenElsewhere(100).events(), "nothing is heard twice, and b's own event not at all");
        }
    }

    /**
     * The network to the database goes silent under a listener and comes back, with no reset on
     * either side: the notifications sent meanwhile are lost. The listener notices by asking the
     * server something (waiting for notifications alone, it would wait for hours) and listens
     * again, hearing what was committed meanwhile.
     */
    @Test
    void aListenerWhoseNetworkGoesSilentNoticesAndHearsWhatItMissed() throws Exception {
        SecretKey alice = new Fixture(25).key();
        try (CuttableLink link = CuttableLink.toServerOf(url); EventStore a = open();
             EventStore b = PostgresStore.open(PgUrl.parse(link.through(url)), 2, InstantSource.fixed(Instant.ofEpochSecond(NOW)))) {
            Event before = event(alice, 1, NOW - 9, "heard live");
            a.write(List.of(before));
            awaitHeard(b, List.of(before));
            link.cut();
            List<Event> meanwhile = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Event e = event(alice, 1, NOW - 7 + i, "while the network was silent " + i);
                a.write(List.of(e));
                meanwhile.add(e);
            }
            // Past the listener's question to the server, which the silent network swallows.
            Thread.sleep(java.time.Duration.ofNanos(PgNotices.PING_NANOS).toMillis() + 4_000);
            link.resume();
            // It reads what it may have missed on reconnecting: the events of this class's other tests too.
            java.util.Set<mutual.protocol.event.EventId> heard = new java.util.HashSet<>();
            boolean more = false;
            long deadline = System.nanoTime() + (PostgresStore.SOCKET_TIMEOUT_SECONDS + 30) * 1_000_000_000L;
            while (!heard.containsAll(meanwhile.stream().map(Event::id).toList())) {
                assertTrue(System.nanoTime() < deadline, "the listener never heard what was committed while its network was silent");
                EventStore.Elsewhere e = b.writtenElsewhere(1000);
                e.events().forEach(x -> heard.add(x.id()));
                more |= e.more();
                if (e.events().isEmpty()) Thread.sleep(100);
            }
            assertTrue(more, "the reconnect is reported, so that the node also reconciles with its peers");
        }
    }

    /** Waits until {@code store} has heard of other processes' events, then takes them; they must be {@code expected}. */
    private static EventStore.Elsewhere awaitHeard(EventStore store, List<Event> expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<Event> got = new ArrayList<>();
        boolean more = false;
        while (got.size() < expected.size()) {
            assertTrue(System.nanoTime() < deadline, "heard only " + got.size() + " of " + expected.size() + " events");
            EventStore.Elsewhere e = store.writtenElsewhere(100);
            got.addAll(e.events());
            more |= e.more();
            if (e.events().isEmpty()) Thread.sleep(50);
        }
        assertEquals(expected.stream().map(Event::id).sorted().toList(), got.stream().map(Event::id).sorted().toList());
        return new EventStore.Elsewhere(got, more);
    }

    @Test
    void oneProcessLeadsAtATimeAndAnotherTakesOverWhenItLeaves() throws Exception {
        try (EventStore a = open(); EventStore b = open()) {
            boolean aLeads = a.leadership().leads(); // a asked first, so a leads
            assertTrue(aLeads, "the first process to ask leads");
            assertFalse(b.leadership().leads(), "two processes never lead at once");
            java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
            b.leadership().onChange(changed::countDown);
            a.close(); // its session ends, and the lock with it
            assertTrue(changed.await(15, java.util.concurrent.TimeUnit.SECONDS), "b never took over");
            assertTrue(b.leadership().leads());
        }
    }

    @Test
    void aPasswordIsNeverShown() {
        PgUrl u = PgUrl.parse("postgresql://relay:s3cret@db.example:5433/mutual?currentSchema=hub", Map.of());
        assertEquals("jdbc:postgresql://db.example:5433/mutual?currentSchema=hub", u.jdbcUrl());
        assertEquals("relay", u.user());
        assertEquals("s3cret", u.password());
        assertEquals(java.util.Optional.of("hub"), u.schema());
        assertFalse(u.toString().contains("s3cret"), u.toString());
        PgUrl fromEnv = PgUrl.parse("postgres://db.example/mutual", Map.of("PGUSER", "relay", "PGPASSWORD", "s3cret"));
        assertEquals("s3cret", fromEnv.password());
        assertFalse(fromEnv.toString().contains("s3cret"));
        PgUrl inQuery = PgUrl.parse("postgresql://db.example/mutual?user=relay&password=s3cret", Map.of());
        assertFalse(inQuery.toString().contains("s3cret"), inQuery.toString());
        assertThrows(IllegalArgumentException.class, () -> PgUrl.parse("postgresql://db.example/", Map.of()));
    }
}
