package mutual.store.sqlite;

import static mutual.store.sqlite.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIP-40: expired events are never served and are purged in batches. */
class ExpiryTest {
    @TempDir Path dir;
    final Fixture fx = new Fixture(5);
    final SecretKey alice = fx.key();

    @Test
    void expiredEventsAreHiddenFromReadsBeforeTheyArePurged() {
        Event expired = event(alice, 1, NOW - 100, "gone", tag("expiration", String.valueOf(NOW)));
        Event live = event(alice, 1, NOW - 100, "still", tag("expiration", String.valueOf(NOW + 1)));
        Event plain = event(alice, 1, NOW - 100, "plain", tag("expiration", "soon"));
        try (SqliteStore s = store(dir)) {
            s.write(List.of(expired, live, plain));
            List<Event> got = s.query(List.of(filter().build()), Viewer.node(), 10);
            assertEquals(2, got.size());
            assertFalse(got.contains(expired));
            assertTrue(s.get(expired.id()).isEmpty());
            assertEquals(2, s.count(List.of(filter().build()), Viewer.node()));
            assertEquals(3, s.size());
        }
    }

    @Test
    void purgeRemovesExactlyTheEventsExpiredAtOrBeforeNowAcrossSeveralBatches() {
        List<Event> batch = new ArrayList<>();
        int expiring = EventWriter.PURGE_BATCH * 2 + 17;
        for (int i = 0; i < expiring; i++) batch.add(event(alice, 1, NOW - 1000, "e" + i, tag("expiration", String.valueOf(NOW - 10 + i % 10)), tag("t", "x")));
        Event later = event(alice, 1, NOW - 1000, "later", tag("expiration", String.valueOf(NOW + 100)));
        batch.add(later);
        try (SqliteStore s = store(dir)) {
            s.write(batch);
            assertEquals(expiring, s.purgeExpired(NOW));
            assertEquals(1, s.size());
            assertEquals(0, s.purgeExpired(NOW));
            assertEquals(1, s.purgeExpired(NOW + 100));
            assertEquals(0, s.size());
            assertEquals(java.util.Optional.empty(), s.integrityProblem());
        }
    }
}
