package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;
import org.junit.jupiter.api.Test;

/** NIP-09 deletion requests (kind 5) by {@code e} and {@code a} tags. */
class DeletionTest extends StoreContract {
    final Fixture fx = new Fixture(3);
    final SecretKey alice = fx.key();
    final SecretKey bob = fx.key();

    static Event deletion(SecretKey k, long at, String[]... tags) {
        return event(k, 5, at, "", tags);
    }

    static boolean deleted(WriteOutcome o) {
        return o instanceof WriteOutcome.Deleted d && d.reason().startsWith("deleted: ");
    }

    /**
     * One batch that mixes plain events with requests that read and remove rows: each event is
     * judged against every one before it in the batch, as if each had been a batch of its own
     * (a writer that holds plain events back to send them together must send them first).
     */
    @Test
    void aBatchIsJudgedEventByEventInItsOrder() {
        Event note = event(alice, 1, NOW - 100, "oops", tag("t", "a"));
        Event other = event(bob, 1, NOW - 99, "bob's", tag("t", "a"));
        Event del = deletion(alice, NOW - 50, tag("e", note.id().hex()));
        Event again = event(alice, 1, NOW - 40, "after the request", tag("t", "a"));
        Event v1 = event(alice, 30402, NOW - 30, "ladder", tag("d", "ladder"), tag("t", "tools"));
        Event v2 = event(alice, 30402, NOW - 20, "ladder, lent", tag("d", "ladder"), tag("t", "tools"));
        Event v0 = event(alice, 30402, NOW - 25, "older", tag("d", "ladder"));
        try (EventStore s = store(dir)) {
            List<WriteOutcome> out = s.write(List.of(note, other, del, note, again, v1, other, v2, v0));
            assertEquals(STORED, out.get(0));
            assertEquals(STORED, out.get(1));
            assertEquals(STORED, out.get(2));
            assertTrue(deleted(out.get(3)), "the note, deleted earlier in the same batch: " + out.get(3));
            assertEquals(STORED, out.get(4));
            assertEquals(STORED, out.get(5));
            assertInstanceOf(WriteOutcome.Duplicate.class, out.get(6));
            assertEquals(new WriteOutcome.Stored(1), out.get(7), "v2 replaces v1, stored earlier in the batch");
            assertInstanceOf(WriteOutcome.Superseded.class, out.get(8));
            assertEquals(List.of(v2, again, del, other), all(s));
            assertEquals(List.of(v2), s.query(List.of(mutual.protocol.filter.Filter.builder().tag('t', "tools").build()), Viewer.node(), 10),
                    "the tags of the version that stayed");
            assertEquals(List.of(again, other), s.query(List.of(mutual.protocol.filter.Filter.builder().tag('t', "a").build()), Viewer.node(), 10));
        }
    }

    /**
     * Versions that replace one another within a batch, then a request that deletes their address:
     * it removes the version the batch left, and an older one offered again is refused for the
     * request, not taken as a new version.
     */
    @Test
    void anAddressDeletedInTheBatchThatReplacedItsVersions() {
        Event v0 = event(alice, 30402, NOW - 100, "v0", tag("d", "ladder"), tag("t", "tools"));
        Event v1 = event(alice, 30402, NOW - 60, "v1", tag("d", "ladder"), tag("t", "tools"));
        Event v2 = event(alice, 30402, NOW - 50, "v2", tag("d", "ladder"), tag("t", "tools"));
        Event del = deletion(alice, NOW - 50, tag("a", Address.of(v0).toString()));
        Event v3 = event(alice, 30402, NOW - 40, "v3, after the request", tag("d", "ladder"));
        try (EventStore s = store(dir)) {
            assertEquals(STORED, write(s, v0));
            List<WriteOutcome> out = s.write(List.of(v1, v2, del, v1, v3));
            assertEquals(new WriteOutcome.Stored(1), out.get(0), "v1 replaces the stored v0");
            assertEquals(new WriteOutcome.Stored(1), out.get(1), "v2 replaces v1, taken earlier in the batch");
            assertEquals(STORED, out.get(2));
            assertTrue(deleted(out.get(3)), "v1 again, older than the request: " + out.get(3));
            assertEquals(STORED, out.get(4), "a version newer than the request");
            assertEquals(List.of(v3, del), all(s));
            assertTrue(s.query(List.of(mutual.protocol.filter.Filter.builder().tag('t', "tools").build()), Viewer.node(), 10).isEmpty(),
                    "no tags of the versions removed");
        }
    }

    @Test
    void authorDeletesOwnEventByIdAndItCannotComeBack() {
        Event note = event(alice, 1, NOW - 100, "oops");
        Event keep = event(alice, 1, NOW - 90, "fine");
        Event del = deletion(alice, NOW - 50, tag("e", note.id().hex()), tag("k", "1"));
        try (EventStore s = store(dir)) {
            s.write(List.of(note, keep));
            assertEquals(List.of(STORED), s.write(List.of(del)));
            assertEquals(List.of(del, keep), all(s));
            assertTrue(deleted(write(s, note)));
        }
    }

    /** docs/protocol.md, "Deletion and vanishing": a community's history only grows; every store keeps that rule alike. */
    @Test
    void aDeletionRequestNeitherRemovesNorRefusesACommunityAct() {
        Event vouch = event(alice, 1404, NOW - 100, "I vouch");
        Event response = event(alice, 1406, NOW - 95, "I object");
        Event note = event(alice, 1, NOW - 90, "a note");
        Event del = deletion(alice, NOW - 50, tag("e", vouch.id().hex()), tag("e", note.id().hex()));
        Event delFirst = deletion(alice, NOW - 40, tag("e", response.id().hex()));
        try (EventStore s = store(dir)) {
            s.write(List.of(vouch, note));
            s.write(List.of(del, delFirst));
            assertTrue(s.get(vouch.id()).isPresent(), "the vouch stays");
            assertTrue(s.get(note.id()).isEmpty(), "the note goes");
            assertEquals(List.of(STORED), s.write(List.of(response)), "a community act named by an earlier request is taken");
        }
    }

    @Test
    void aDeletionWrittenByAnotherProcessIsHonouredByAStoreThatHadSeenNone() {
        Event note = event(alice, 1, NOW - 100, "deleted elsewhere");
        Event del = deletion(alice, NOW - 50, tag("e", note.id().hex()));
        Event other = event(alice, 1, NOW - 90, "unrelated");
        try (EventStore node = store(dir); EventStore importer = store(dir)) {
            node.write(List.of(other)); // the node has written while no deletion existed
            importer.write(List.of(del)); // e.g. a bundle import on the same folder
            assertTrue(deleted(write(node, note)));
        }
    }

    @Test
    void deletionByAnotherAuthorHasNoEffect() {
        Event note = event(alice, 1, NOW - 100, "mine");
        Event del = deletion(bob, NOW - 50, tag("e", note.id().hex()));
        Event later = event(alice, 1, NOW - 40, "another note");
        try (EventStore s = store(dir)) {
            s.write(List.of(note, del, later));
            assertTrue(s.get(note.id()).isPresent());
            assertEquals(3, s.size());
        }
    }

    @Test
    void deletionArrivingBeforeItsEventRefusesTheEventOnlyFromTheSameAuthor() {
        Event note = event(alice, 1, NOW - 100, "late arrival");
        Event del = deletion(alice, NOW - 50, tag("e", note.id().hex()));
        Event bobsDel = deletion(bob, NOW - 50, tag("e", "ab".repeat(32)));
        try (EventStore s = store(dir)) {
            s.write(List.of(del, bobsDel));
            assertTrue(deleted(write(s, note)));
            assertEquals(2, s.size());
        }
    }

    @Test
    void deletionOfADeletionDoesNothing() {
        Event note = event(alice, 1, NOW - 100, "gone");
        Event del = deletion(alice, NOW - 50, tag("e", note.id().hex()));
        Event undo = deletion(alice, NOW - 40, tag("e", del.id().hex()));
        try (EventStore s = store(dir.resolve("stored"))) {
            assertEquals(List.of(STORED, STORED, STORED), s.write(List.of(note, del, undo)));
            assertTrue(s.get(del.id()).isPresent());
            assertTrue(s.get(note.id()).isEmpty());
        }
        try (EventStore s = store(dir.resolve("undoFirst"))) {
            assertEquals(List.of(STORED, STORED), s.write(List.of(undo, del)));
            assertTrue(s.get(del.id()).isPresent());
        }
    }

    @Test
    void addressDeletionRemovesVersionsUpToItsTimeAndRefusesThemAfter() {
        Event v1 = event(alice, 30402, NOW - 100, "bike v1", tag("d", "bike"));
        Event chair = event(alice, 30402, NOW - 100, "chair", tag("d", "chair"));
        String addr = Address.of(v1).toString();
        Event del = deletion(alice, NOW - 50, tag("a", addr));
        Event v0 = event(alice, 30402, NOW - 60, "bike v0", tag("d", "bike"));
        Event v2 = event(alice, 30402, NOW - 10, "bike v2", tag("d", "bike"));
        try (EventStore s = store(dir)) {
            s.write(List.of(v1, chair));
            assertEquals(List.of(STORED), s.write(List.of(del)));
            assertTrue(s.get(v1.id()).isEmpty());
            assertTrue(s.get(chair.id()).isPresent());
            Event chair2 = event(alice, 30402, NOW - 40, "chair, repainted", tag("d", "chair"));
            List<WriteOutcome> batch = s.write(List.of(v0, chair2, v1));
            assertTrue(deleted(batch.get(0)) && deleted(batch.get(2)), "in one batch beside an address not deleted: " + batch);
            assertEquals(new WriteOutcome.Stored(1), batch.get(1));
            assertTrue(deleted(write(s, v0)));
            assertTrue(deleted(write(s, v1)));
            assertEquals(STORED, write(s, v2));
        }
    }

    @Test
    void addressDeletionWorksForReplaceableKindsAndOnlyForTheAuthor() {
        Event profile = event(alice, 0, NOW - 100, "{}");
        Event bobsTry = deletion(bob, NOW - 50, tag("a", "0:" + alice.publicKey().hex() + ":"));
        Event own = deletion(alice, NOW - 40, tag("a", "0:" + alice.publicKey().hex() + ":"));
        try (EventStore s = store(dir)) {
            s.write(List.of(profile, bobsTry));
            assertTrue(s.get(profile.id()).isPresent());
            s.write(List.of(own));
            assertTrue(s.get(profile.id()).isEmpty());
        }
    }

    @Test
    void giftWrapRecipientMayDeleteTheirCopy() {
        SecretKey wrapper = fx.key();
        Event wrap = event(wrapper, 1059, NOW - 100, "ciphertext", tag("p", bob.publicKey().hex()));
        Event otherWrap = event(wrapper, 1059, NOW - 100, "ciphertext 2", tag("p", alice.publicKey().hex()));
        Event withoutK = deletion(bob, NOW - 60, tag("e", wrap.id().hex()));
        Event stranger = deletion(alice, NOW - 55, tag("e", wrap.id().hex()), tag("k", "1059"));
        Event byRecipient = deletion(bob, NOW - 50, tag("e", wrap.id().hex()), tag("e", otherWrap.id().hex()), tag("k", "1059"));
        try (EventStore s = store(dir)) {
            s.write(List.of(wrap, otherWrap, withoutK, stranger));
            assertTrue(s.get(wrap.id()).isPresent());
            s.write(List.of(byRecipient));
            assertTrue(s.get(wrap.id()).isEmpty());
            assertTrue(s.get(otherWrap.id()).isPresent());
            assertTrue(deleted(write(s, wrap)));
        }
    }

    @Test
    void malformedReferencesAreIgnored() {
        Event del = deletion(alice, NOW - 50, tag("e", "not hex"), tag("e"), tag("a", "x:y"), tag("a", "1:" + alice.publicKey().hex() + ":z"));
        try (EventStore s = store(dir)) {
            assertEquals(List.of(STORED), s.write(List.of(del)));
            assertEquals(List.of(del), s.query(List.of(filter().kinds(5).build()), Viewer.anonymous(), 10));
        }
    }
}
