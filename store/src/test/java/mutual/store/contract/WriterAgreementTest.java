package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.store.EventStore;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;
import mutual.store.postgres.PgUrl;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQLite writer judges and writes a batch event by event; the PostgreSQL writer judges it in
 * memory and sends it in a few statements. Random batches (seeded) that mix notes, versions of a
 * few addresses, deletion requests by id and by address, requests to vanish, gift wraps and their
 * recipients' deletions, expiring events and events sent again go to both: every outcome, and
 * after every batch all that is stored, must be the same.
 */
class WriterAgreementTest {
    @TempDir
    Path dir;

    static final int BATCHES = 30;
    static final String[] D_TAGS = {"ladder", "bike", "saw"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void bothStoresJudgeRandomBatchesAlike(long seed) {
        TestPostgres.unreachable().ifPresent(Assumptions::abort);
        InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(NOW));
        String database = TestPostgres.createDatabase();
        try (EventStore sqlite = SqliteStore.builder(dir).readers(1).clock(clock).open();
             EventStore postgres = PostgresStore.open(PgUrl.parse(database), 2, clock)) {
            Batches batches = new Batches(seed);
            java.util.Map<Class<?>, Integer> seen = new java.util.HashMap<>();
            for (int b = 0; b < BATCHES; b++) {
                List<Event> batch = batches.next();
                List<WriteOutcome> expected = sqlite.write(batch);
                assertEquals(expected, postgres.write(batch), "outcomes of batch " + b + " (seed " + seed + ")");
                assertEquals(all(sqlite), all(postgres), "what is stored after batch " + b);
                assertEquals(tagged(sqlite), tagged(postgres), "the tags stored after batch " + b);
                for (WriteOutcome o : expected) seen.merge(o.getClass(), 1, Integer::sum);
            }
            for (Class<?> c : List.of(WriteOutcome.Stored.class, WriteOutcome.Duplicate.class, WriteOutcome.Superseded.class, WriteOutcome.Deleted.class))
                assertTrue(seen.getOrDefault(c, 0) >= 5, () -> "too few outcomes of each kind to mean anything: " + seen);
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    private static List<Event> tagged(EventStore s) {
        return s.query(List.of(filter().tag('t', "tools").build(), filter().kinds(1059).build()), Viewer.node(), 100_000);
    }

    /** The random batches: few authors, few addresses and a narrow span of time, so that rules collide often. */
    private static final class Batches {
        private final Random r;
        private final Fixture fx;
        private final List<SecretKey> keys;
        private final List<Event> made = new ArrayList<>();

        Batches(long seed) {
            this.r = new Random(seed);
            this.fx = new Fixture(seed);
            this.keys = List.of(fx.key(), fx.key(), fx.key());
        }

        List<Event> next() {
            int size = 1 + r.nextInt(r.nextInt(4) == 0 ? 60 : 12);
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) batch.add(event());
            return batch;
        }

        private Event event() {
            int roll = r.nextInt(100);
            if (roll < 12 && !made.isEmpty()) return made.get(r.nextInt(made.size()));
            SecretKey k = keys.get(r.nextInt(keys.size()));
            long at = NOW - 300 + 5 * r.nextInt(50); // coarse, so that versions and requests often share a second
            Event e;
            if (roll < 30) {
                e = Fixture.event(k, 1, at, "note " + r.nextInt(1000), tag("t", "tools"));
            } else if (roll < 40) {
                e = Fixture.event(k, 0, at, "{\"name\":\"" + r.nextInt(1000) + "\"}");
            } else if (roll < 66) {
                e = Fixture.event(k, 30402, at, "listing " + r.nextInt(1000), tag("d", D_TAGS[r.nextInt(D_TAGS.length)]), tag("t", "tools"));
            } else if (roll < 76 && !made.isEmpty()) {
                e = deletionOf(made.get(r.nextInt(made.size())), k, at);
            } else if (roll < 84) {
                int kind = r.nextBoolean() ? 0 : 30402;
                String d = kind == 0 ? "" : D_TAGS[r.nextInt(D_TAGS.length)];
                e = Fixture.event(k, 5, at, "", tag("a", kind + ":" + k.publicKey().hex() + ":" + d));
            } else if (roll < 86) {
                e = Fixture.event(k, 62, NOW - 300 + r.nextInt(120), "", tag("relay", "ALL_RELAYS"));
            } else if (roll < 94) {
                SecretKey to = keys.get(r.nextInt(keys.size()));
                e = Fixture.event(fx.key(), 1059, at, "ciphertext " + r.nextInt(1000), tag("p", to.publicKey().hex()));
            } else {
                e = Fixture.event(k, 1, at, "expiring", tag("t", "tools"), tag("expiration", Long.toString(NOW - 50 + r.nextInt(100))));
            }
            made.add(e);
            return e;
        }

        /** A request to delete {@code target}: by its author, by someone else, or by a gift wrap's recipient. */
        private Event deletionOf(Event target, SecretKey k, long at) {
            if (target.kind() == 1059 && r.nextBoolean()) {
                String to = target.tags().stream().filter(t -> t.name().equals("p")).findFirst().flatMap(Tag::value).orElseThrow();
                SecretKey recipient = keys.stream().filter(x -> x.publicKey().hex().equals(to)).findFirst().orElse(k);
                return Fixture.event(recipient, 5, at, "", tag("e", target.id().hex()), tag("k", "1059"));
            }
            SecretKey author = keys.stream().filter(x -> x.publicKey().equals(target.pubkey())).findFirst().orElse(k);
            return Fixture.event(r.nextInt(4) == 0 ? k : author, 5, at, "", tag("e", target.id().hex()));
        }
    }
}
