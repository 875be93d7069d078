package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.store.KeyChange;
import mutual.store.EventStore;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;

/** Key listings and change reports, what the NIP-77 sync index is built and kept current from. */
class KeysTest extends StoreContract {
    final Fixture fx = new Fixture(7);
    final SecretKey alice = fx.key();
    final SecretKey bob = fx.key();

    @Test
    void reportsAdditionsReplacementsDeletionsAndPurgesInCommitOrder() {
        Event profile = event(alice, 0, NOW - 100, "v1");
        Event newer = event(alice, 0, NOW - 50, "v2");
        Event note = event(alice, 1, NOW - 40, "oops");
        Event del = event(alice, 5, NOW - 30, "", tag("e", note.id().hex()));
        Event expiring = event(bob, 1, NOW - 20, "soon gone", tag("expiration", String.valueOf(NOW - 1)));
        List<KeyChange> seen = new ArrayList<>();
        try (EventStore s = store(dir)) {
            s.addChangeListener(seen::addAll);
            s.write(List.of(profile, note));
            s.write(List.of(newer));
            s.write(List.of(del));
            s.write(List.of(expiring));
            s.purgeExpired(NOW);
        }
        assertEquals(List.of(
                new KeyChange(true, NOW - 100, profile.id(), 0),
                new KeyChange(true, NOW - 40, note.id(), 1),
                new KeyChange(false, NOW - 100, profile.id(), 0),
                new KeyChange(true, NOW - 50, newer.id(), 0),
                new KeyChange(false, NOW - 40, note.id(), 1),
                new KeyChange(true, NOW - 30, del.id(), 5),
                new KeyChange(true, NOW - 20, expiring.id(), 1),
                new KeyChange(false, NOW - 20, expiring.id(), 1)), seen);
    }

    @Test
    void aRolledBackBatchReportsNothing() {
        List<KeyChange> seen = new ArrayList<>();
        try (EventStore s = store(dir)) {
            s.addChangeListener(seen::addAll);
            Event ok = event(alice, 1, NOW - 10, "fine");
            assertThrows(RuntimeException.class, () -> s.write(java.util.Arrays.asList(ok, null)));
            assertEquals(List.of(), seen);
            assertEquals(0, s.size());
        }
    }

    @Test
    void scanKeysListsEveryUnexpiredEventOldestFirst() {
        Event a = event(alice, 1, NOW - 10, "a"), b = event(bob, 1059, NOW - 30, "w", tag("p", alice.publicKey().hex()));
        Event gone = event(bob, 1, NOW - 20, "x", tag("expiration", String.valueOf(NOW - 1)));
        List<EventId> ids = new ArrayList<>();
        try (EventStore s = store(dir)) {
            s.write(List.of(a, b, gone));
            s.scanKeys((at, id, kind) -> ids.add(EventId.of(id.clone())));
        }
        assertEquals(List.of(b.id(), a.id()), ids);
    }

    @Test
    void filterKeysAppliesTheFilterGiftWrapVisibilityAndTheCap() {
        Event n1 = event(alice, 1, NOW - 10, "a"), n2 = event(alice, 1, NOW - 20, "b"), other = event(bob, 1, NOW - 5, "c");
        Event wrap = event(bob, 1059, NOW - 30, "w", tag("p", alice.publicKey().hex()));
        try (EventStore s = store(dir)) {
            s.write(List.of(n1, n2, other, wrap));
            List<EventId> got = new ArrayList<>();
            assertEquals(2, s.filterKeys(filter().authors(Set.of(alice.publicKey())).build(), Viewer.anonymous(), 10,
                    (at, id, kind) -> got.add(EventId.of(id.clone()))));
            assertEquals(List.of(n1.id(), n2.id()), got);
            assertEquals(1, s.filterKeys(filter().authors(Set.of(alice.publicKey())).build(), Viewer.anonymous(), 1, (at, id, kind) -> {}));
            assertEquals(0, s.filterKeys(filter().kinds(Set.of(1059)).build(), Viewer.anonymous(), 10, (at, id, kind) -> {}));
            assertEquals(0, s.filterKeys(filter().kinds(Set.of(1059)).build(), Viewer.of(Set.of(bob.publicKey())), 10, (at, id, kind) -> {}));
            assertEquals(1, s.filterKeys(filter().kinds(Set.of(1059)).build(), Viewer.of(Set.of(alice.publicKey())), 10, (at, id, kind) -> {}));
        }
    }
}
