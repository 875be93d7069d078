package mutual.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mutual.app.bench.NodeProcess;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.contract.Backend;
import mutual.store.contract.TestPostgres;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node killed with SIGKILL while clients publish loses no event it acknowledged with
 * {@code OK true}, and its database passes the store's integrity check afterwards: SQLite's own
 * on the default store, {@link PostgresStore#integrityProblem()} on PostgreSQL. The PostgreSQL
 * case runs on a throwaway database of the tests' server ({@link TestPostgres}) and skips, with a
 * message, when none answers.
 */
class DurabilityTest {
    @TempDir
    Path data;
    /** The PostgreSQL database of this run, dropped after it. */
    private String database;

    @AfterEach
    void drop() {
        if (database != null) TestPostgres.dropDatabase(database);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    void everyAcknowledgedEventSurvivesAKillDuringPublishing(Backend backend) throws Exception {
        List<String> args = List.of(); // every setting at its default, as a person runs a node
        if (backend == Backend.POSTGRESQL) {
            TestPostgres.unreachable().ifPresent(Assumptions::abort);
            database = TestPostgres.createDatabase();
            args = List.of("--store", database);
        }
        Set<EventId> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean publishing = new AtomicBoolean(true);
        NodeProcess node = NodeProcess.start(data, args);
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int seed = p;
            RelayClient client = RelayClient.connect(node.url(), Duration.ofSeconds(10));
            publishers.add(Thread.ofPlatform().start(() -> publish(client, seed, acknowledged, publishing)));
        }
        Thread.sleep(2500);
        int before = acknowledged.size();
        node.kill(); // SIGKILL mid-stream: no shutdown hook runs
        publishing.set(false);
        for (Thread t : publishers) t.join(10_000);
        assertTrue(before > 100, "publishing should have been under way when the node was killed, acknowledged " + before);

        Set<EventId> snapshot = Set.copyOf(acknowledged);
        try (NodeProcess again = NodeProcess.start(data, args);
             RelayClient reader = RelayClient.connect(again.url(), Duration.ofSeconds(10))) {
            List<EventId> ids = new ArrayList<>(snapshot);
            int found = 0;
            for (int i = 0; i < ids.size(); i += 500) {
                Set<EventId> chunk = Set.copyOf(ids.subList(i, Math.min(ids.size(), i + 500)));
                found += reader.query("check" + i, List.of(Filter.builder().ids(chunk).build())).get(30, TimeUnit.SECONDS).size();
            }
            assertEquals(snapshot.size(), found, "every event acknowledged before the kill is stored");
            System.out.println("DurabilityTest on " + backend + ": " + before + " events acknowledged when the node was killed, "
                    + snapshot.size() + " in all, every one of them there after the restart");
        }
        try (EventStore store = backend == Backend.POSTGRESQL ? PostgresStore.open(database) : SqliteStore.open(data)) {
            assertEquals(Optional.empty(), store.integrityProblem());
            assertTrue(store.size() >= snapshot.size(), "the store counts every acknowledged event, " + store.size() + " of " + snapshot.size());
        }
    }

    private static void publish(RelayClient client, int seed, Set<EventId> acknowledged, AtomicBoolean publishing) {
        SplittableRandom r = new SplittableRandom(seed);
        SecretKey key = SecretKey.generate(r);
        Semaphore window = new Semaphore(20);
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; publishing.get(); i++) {
            Event e = EventBuilder.create(1, now).tag("t", "durability").content("publisher " + seed + " event " + i).sign(key);
            try {
                if (!window.tryAcquire(5, TimeUnit.SECONDS)) return; // the node is gone
            } catch (InterruptedException ex) {
                return;
            }
            client.publish(e).whenComplete((ok, err) -> {
                if (err == null && ok.accepted()) acknowledged.add(e.id());
                window.release();
            });
        }
    }
}
