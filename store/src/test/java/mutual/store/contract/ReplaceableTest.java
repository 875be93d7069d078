package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;
import org.junit.jupiter.api.Test;

/** NIP-01 replaceable (0, 3, 10000-19999) and addressable (30000-39999) events keep only their newest version. */
class ReplaceableTest extends StoreContract {
    final Fixture fx = new Fixture(2);
    final SecretKey alice = fx.key();
    final SecretKey bob = fx.key();

    /**
     * Several versions of one address in one batch, after a stored one, beside other addresses:
     * each is judged against the stored version and every version taken before it in the batch.
     */
    @Test
    void versionsInOneBatchAreJudgedInTheirOrder() {
        Event stored = event(alice, 30402, NOW - 100, "v1", tag("d", "ladder"), tag("t", "tools"));
        Event v2 = event(alice, 30402, NOW - 50, "v2", tag("d", "ladder"), tag("t", "tools"));
        Event old = event(alice, 30402, NOW - 80, "older than v2", tag("d", "ladder"));
        Event v3 = event(alice, 30402, NOW - 10, "v3", tag("d", "ladder"), tag("t", "lent"));
        Event saw = event(alice, 30402, NOW - 10, "a saw", tag("d", "saw"));
        Event bobs = event(bob, 30402, NOW - 100, "bob's ladder", tag("d", "ladder"));
        Event profile = event(bob, 0, NOW - 5, "bob");
        Event profileAgain = event(bob, 0, NOW - 1, "bob again");
        try (EventStore s = store(dir)) {
            assertEquals(STORED, write(s, stored));
            List<WriteOutcome> out = s.write(List.of(v2, old, saw, v3, bobs, v3, profile, profileAgain));
            assertEquals(List.of(new WriteOutcome.Stored(1), SUPERSEDED, STORED, new WriteOutcome.Stored(1), STORED,
                    new WriteOutcome.Duplicate(), STORED, new WriteOutcome.Stored(1)), out);
            assertEquals(List.of(profileAgain, saw, v3, bobs), all(s)); // saw and v3 share created_at: the lower id first
            assertTrue(s.query(List.of(filter().tag('t', "tools").build()), Viewer.node(), 10).isEmpty(), "no tags of the versions replaced");
            assertEquals(List.of(v3), s.query(List.of(filter().tag('t', "lent").build()), Viewer.node(), 10));
            assertEquals(List.of(SUPERSEDED), s.write(List.of(v2)), "v2 stays replaced in a later batch");
        }
    }

    /**
     * A d tag that is not valid UTF-16 (a lone surrogate, which JSON's escapes allow): its versions
     * still replace one another, across batches and within one.
     */
    @Test
    void aDTagWithALoneSurrogateKeepsOneVersion() {
        Event v1 = event(alice, 30402, NOW - 100, "v1", tag("d", "\uD800 ladder"));
        Event v2 = event(alice, 30402, NOW - 50, "v2", tag("d", "\uD800 ladder"));
        Event v3 = event(alice, 30402, NOW - 10, "v3", tag("d", "\uD800 ladder"));
        try (EventStore s = store(dir)) {
            assertEquals(STORED, write(s, v1));
            assertEquals(List.of(new WriteOutcome.Stored(1), new WriteOutcome.Stored(1)), s.write(List.of(v2, v3)));
            assertEquals(List.of(v3), all(s));
            assertEquals(List.of(SUPERSEDED), s.write(List.of(v2)));
        }
    }

    @Test
    void newerReplaceableVersionReplacesTheOlderOne() {
        try (EventStore s = store(dir)) {
            for (int kind : new int[] {0, 3, 10002, 19999}) {
                Event v1 = event(alice, kind, NOW - 100, "v1");
                Event v2 = event(alice, kind, NOW - 50, "v2");
                assertEquals(STORED, write(s, v1));
                assertEquals(new WriteOutcome.Stored(1), write(s, v2), "kind " + kind);
                assertEquals(List.of(v2), s.query(List.of(filter().kinds(kind).build()), Viewer.node(), 10));
                assertTrue(s.get(v1.id()).isEmpty());
            }
        }
    }

    @Test
    void olderVersionArrivingLaterIsSuperseded() {
        Event v1 = event(alice, 0, NOW - 100, "v1");
        Event v2 = event(alice, 0, NOW - 50, "v2");
        try (EventStore s = store(dir)) {
            assertEquals(List.of(STORED, SUPERSEDED), s.write(List.of(v2, v1)));
            assertEquals(List.of(v2), all(s));
        }
    }

    @Test
    void atEqualTimeTheLowestIdWinsWhicheverArrivesFirst() {
        Event x = event(alice, 10000, NOW - 10, "x");
        Event y = event(alice, 10000, NOW - 10, "y");
        Event low = x.id().compareTo(y.id()) < 0 ? x : y;
        Event high = low == x ? y : x;
        try (EventStore s = store(dir.resolve("1"))) {
            assertEquals(List.of(STORED, new WriteOutcome.Stored(1)), s.write(List.of(high, low)));
            assertEquals(List.of(low), all(s));
        }
        try (EventStore s = store(dir.resolve("2"))) {
            assertEquals(List.of(STORED, SUPERSEDED), s.write(List.of(low, high)));
            assertEquals(List.of(low), all(s));
        }
    }

    @Test
    void replacementIsPerAuthorAndKind() {
        Event a0 = event(alice, 0, NOW - 10, "alice");
        Event b0 = event(bob, 0, NOW - 5, "bob");
        Event a3 = event(alice, 3, NOW - 1, "contacts");
        try (EventStore s = store(dir)) {
            assertEquals(List.of(STORED, STORED, STORED), s.write(List.of(a0, b0, a3)));
            assertEquals(3, s.size());
        }
    }

    @Test
    void addressableEventsAreKeyedByTheirDTag() {
        Event listingA1 = event(alice, 30402, NOW - 100, "bike v1", tag("d", "bike"));
        Event listingB = event(alice, 30402, NOW - 90, "chair", tag("d", "chair"));
        Event listingA2 = event(alice, 30402, NOW - 80, "bike v2", tag("d", "bike"));
        Event noD1 = event(alice, 30402, NOW - 70, "no d");
        Event emptyD = event(alice, 30402, NOW - 60, "empty d", tag("d", ""));
        Event bobsBike = event(bob, 30402, NOW - 50, "bob's bike", tag("d", "bike"));
        try (EventStore s = store(dir)) {
            assertEquals(List.of(STORED, STORED, new WriteOutcome.Stored(1), STORED, new WriteOutcome.Stored(1), STORED),
                    s.write(List.of(listingA1, listingB, listingA2, noD1, emptyD, bobsBike)));
            assertEquals(List.of(bobsBike, emptyD, listingA2, listingB), all(s));
            assertEquals(List.of(listingA2), s.query(List.of(filter().authors(alice.publicKey()).tag('d', "bike").build()), Viewer.node(), 10));
        }
    }

    @Test
    void regularKindsAreNeverReplaced() {
        Event a = event(alice, 1, NOW - 10, "one");
        Event b = event(alice, 1, NOW - 5, "two");
        Event old = event(alice, 1, NOW - 50, "older");
        try (EventStore s = store(dir)) {
            assertEquals(List.of(STORED, STORED, STORED), s.write(List.of(a, b, old)));
            assertEquals(3, s.size());
        }
    }
}
