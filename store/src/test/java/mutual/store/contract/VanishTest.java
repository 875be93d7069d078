package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.WriteOutcome;
import mutual.store.EventStore;
import org.junit.jupiter.api.Test;

/** NIP-62 requests to vanish (kind 62) that the engine has found to name this relay. */
class VanishTest extends StoreContract {
    final Fixture fx = new Fixture(4);
    final SecretKey alice = fx.key();
    final SecretKey bob = fx.key();
    final SecretKey wrapper = fx.key();

    @Test
    void removesEverythingOfTheAuthorUpToTheRequestIncludingDeletionsAndGiftWrapsToThem() {
        Event note = event(alice, 1, NOW - 100, "note");
        Event profile = event(alice, 0, NOW - 90, "{}");
        Event listing = event(alice, 30402, NOW - 80, "bike", tag("d", "bike"));
        Event del = event(alice, 5, NOW - 70, "", tag("e", "ab".repeat(32)));
        Event wrapToAlice = event(wrapper, 1059, NOW - 60, "ciphertext", tag("p", alice.publicKey().hex()));
        Event wrapToBob = event(wrapper, 1059, NOW - 60, "ciphertext", tag("p", bob.publicKey().hex()));
        Event bobs = event(bob, 1, NOW - 50, "bob stays", tag("p", alice.publicKey().hex()));
        Event after = event(alice, 1, NOW - 10, "written after the request");
        Event vanish = event(alice, 62, NOW - 20, "forget me", tag("relay", "ALL_RELAYS"));
        try (EventStore s = store(dir)) {
            s.write(List.of(note, profile, listing, del, wrapToAlice, wrapToBob, bobs, after));
            assertEquals(List.of(STORED), s.write(List.of(vanish)));
            assertEquals(List.of(after, vanish, bobs, wrapToBob), all(s));
        }
    }

    @Test
    void refusesTheirOlderEventsAndGiftWrapsAfterwardsButAcceptsNewerOnes() {
        Event vanish = event(alice, 62, NOW - 20, "", tag("relay", "ALL_RELAYS"));
        Event old = event(alice, 1, NOW - 100, "old");
        Event sameSecond = event(alice, 1, NOW - 20, "same second");
        Event oldWrap = event(wrapper, 1059, NOW - 30, "c", tag("p", alice.publicKey().hex()));
        Event olderRequest = event(alice, 62, NOW - 25, "", tag("relay", "ALL_RELAYS"));
        Event newer = event(alice, 1, NOW - 5, "new life");
        try (EventStore s = store(dir)) {
            s.write(List.of(vanish));
            List<WriteOutcome> out = s.write(List.of(old, sameSecond, oldWrap, olderRequest, newer));
            for (int i = 0; i < 4; i++) {
                assertTrue(out.get(i) instanceof WriteOutcome.Deleted d && d.reason().startsWith("deleted: "), out.get(i).toString());
            }
            assertEquals(STORED, out.get(4));
            assertEquals(List.of(new WriteOutcome.Duplicate()), s.write(List.of(vanish)));
        }
    }

    @Test
    void aLaterRequestExtendsTheForgottenPeriod() {
        Event first = event(alice, 62, NOW - 50, "", tag("relay", "ALL_RELAYS"));
        Event between = event(alice, 1, NOW - 40, "between");
        Event second = event(alice, 62, NOW - 30, "", tag("relay", "ALL_RELAYS"));
        try (EventStore s = store(dir)) {
            assertEquals(List.of(STORED, STORED, STORED), s.write(List.of(first, between, second)));
            assertEquals(List.of(second), all(s));
            assertTrue(write(s, between) instanceof WriteOutcome.Deleted);
        }
    }
}
