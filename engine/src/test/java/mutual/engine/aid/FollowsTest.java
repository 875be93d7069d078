package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contact lists for trust: read from the store when needed, and only a bounded number held in memory. */
class FollowsTest {
    static final SecretKey ALICE = Keys.key(1), BOB = Keys.key(2), CAROL = Keys.key(3), DAN = Keys.key(4);

    @TempDir
    Path dir;

    static Event follows(SecretKey who, long at, SecretKey... whom) {
        EventBuilder b = EventBuilder.create(3, at);
        for (SecretKey k : whom) b.tag("p", k.publicKey().hex());
        return b.sign(who);
    }

    @Test
    void aContactListIsReadFromTheStoreAndTheNewestWins() {
        try (SqliteStore store = SqliteStore.builder(dir).readers(1).open()) {
            store.write(List.of(follows(ALICE, 100, BOB, CAROL)));
            FollowsAndMatches trust = FollowsAndMatches.over(store);
            assertEquals(1.0, trust.of(ALICE.publicKey(), BOB.publicKey()).score());
            assertEquals(0.0, trust.of(ALICE.publicKey(), DAN.publicKey()).score());
            assertEquals(0.0, trust.of(BOB.publicKey(), ALICE.publicKey()).score(), "Bob has no contact list");

            trust.observe(follows(ALICE, 200, DAN)); // a newer list taken in
            assertEquals(1.0, trust.of(ALICE.publicKey(), DAN.publicKey()).score());
            assertEquals(0.0, trust.of(ALICE.publicKey(), BOB.publicKey()).score());
            trust.observe(follows(ALICE, 150, BOB)); // an older one changes nothing
            assertEquals(0.0, trust.of(ALICE.publicKey(), BOB.publicKey()).score());
        }
    }

    @Test
    void onlyTheMostRecentlyUsedListsAreHeldAndTheOthersAreReadAgain() {
        try (SqliteStore store = SqliteStore.builder(dir).readers(1).open()) {
            store.write(List.of(follows(ALICE, 100, BOB, CAROL), follows(BOB, 100, ALICE, CAROL), follows(CAROL, 100, DAN)));
            int[] reads = {0};
            FollowsAndMatches trust = new FollowsAndMatches(who -> {
                reads[0]++;
                return store.query(List.of(Filter.builder().kinds(3).authors(who).limit(1).build()), Viewer.node(), 1).stream().findFirst();
            }, 3);
            assertEquals(1.0, trust.of(ALICE.publicKey(), BOB.publicKey()).score());
            assertEquals(1.0, trust.of(ALICE.publicKey(), CAROL.publicKey()).score());
            assertEquals(1, reads[0], "Alice's list is held after the first read");
            assertEquals(1.0, trust.of(BOB.publicKey(), ALICE.publicKey()).score());
            assertEquals(2, trust.keysHeld(), "Alice's list made room for Bob's");
            assertEquals(1.0, trust.of(ALICE.publicKey(), CAROL.publicKey()).score(), "and is read again when needed");
            assertEquals(3, reads[0]);
            assertTrue(trust.keysHeld() <= 3);
        }
    }

    @Test
    void aNodeReadsAStoredContactListWhenItMatchesItsAuthor() throws Exception {
        try (AidTestNode n = new AidTestNode(dir); mutual.engine.testing.WsClient ws = n.connect()) {
            ws.publishAccepted(follows(ALICE, n.now(), BOB));
        }
        try (AidTestNode n = new AidTestNode(dir); mutual.engine.testing.WsClient ws = n.connect()) { // restarted: nothing held
            MatchMemoryTest.suggested(n, ws, "1");
            String reasons = ws.req("s", Filter.builder().kinds(mutual.protocol.aid.AidKinds.MATCH).build()).getFirst().content();
            assertTrue(reasons.contains("followed by the other side"), reasons);
        }
    }

    @Test
    void aCompletedMatchIsTrustedBothWays() {
        FollowsAndMatches trust = new FollowsAndMatches(who -> Optional.empty(), 10);
        PubKey a = ALICE.publicKey(), b = BOB.publicKey();
        trust.completed(a, b);
        assertEquals("completed a match together before", trust.of(b, a).reason().orElseThrow());
    }
}
