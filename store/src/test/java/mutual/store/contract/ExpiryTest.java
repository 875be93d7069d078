package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;

/** NIP-40: expired events are never served and are purged in batches. */
class ExpiryTest extends StoreContract {
    final Fixture fx = new Fixture(5);
    final SecretKey alice = fx.key();

    @Test
    void expiredEventsAreHiddenFromReadsBeforeTheyArePurged() {
        Event expired = event(alice, 1, NOW - 100, "gone", tag("expiration", String.valueOf(NOW)));
        Event live = event(alice, 1, NOW - 100, "still", tag("expiration", String.valueOf(NOW + 1)));
        Event plain = event(alice, 1, NOW - 100, "plain", tag("expiration", "soon"));
        try (EventStore s = store(dir)) {
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
        int expiring = 1000 * 2 + 17; // several of the purge's batches (1,000 rows in both stores)
        for (int i = 0; i < expiring; i++) batch.add(event(alice, 1, NOW - 1000, "e" + i, tag("expiration", String.valueOf(NOW - 10 + i % 10)), tag("t", "x")));
        Event later = event(alice, 1, NOW - 1000, "later", tag("expiration", String.valueOf(NOW + 100)));
        batch.add(later);
        try (EventStore s = store(dir)) {
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
