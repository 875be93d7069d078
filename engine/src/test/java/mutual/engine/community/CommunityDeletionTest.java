package mutual.engine.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mutual.engine.testing.Keys;
import mutual.protocol.community.CommunityExamples;
import mutual.protocol.community.CommunityLedger;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.Tally;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/protocol.md, "Deletion and vanishing": a deletion request leaves community events in the
 * store and in every tally; a request to vanish takes its author's community events out of the
 * store and the tallies, the same as a node that never held them computes.
 */
class CommunityDeletionTest {
    private static final long CLOSE = CommunityExamples.proposal().createdAt() + CommunityExamples.PERIOD;

    private static Tally tallyOf(List<Event> events, long now) {
        return CommunityLedger.compute(CommunityExamples.id(), events.stream().map(CommunityParser::parse).toList(), now).orElseThrow();
    }

    @Test
    void aDeletionRequestLeavesACommunityActInPlace(@TempDir Path dir) throws Exception {
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, CommunityExamples.T)) {
            for (Event e : CommunityExamples.all()) n.publishAtItsTime(e);
            Event objection = CommunityExamples.all().get(8);
            n.publishAtItsTime(Keys.event(CommunityExamples.BOB, 5, CLOSE + 10, "I take back my objection", Tag.of("e", objection.id().hex())));
            n.clock.advance(Duration.ofSeconds(60));
            n.awaitTally(tallyOf(CommunityExamples.all(), n.clock.seconds()));
            assertEquals(1, n.store.query(List.of(Filter.builder().ids(objection.id()).build()), Viewer.node(), 1).size(), "still in the store");
            // and sent again (a peer offers it), it is taken, not refused as deleted
            var again = n.node.submit(objection, new mutual.engine.ingest.Source.Local("test")).get();
            assertTrue(again.accepted() && !again.message().contains("deleted"), again.message());
        }
    }

    @Test
    void aRequestToVanishTakesItsAuthorsActsOutOfTheTally(@TempDir Path dir) throws Exception {
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, CommunityExamples.T)) {
            for (Event e : CommunityExamples.all()) n.publishAtItsTime(e);
            n.clock.advance(Duration.ofSeconds(CLOSE + 10 - n.clock.seconds()));
            n.publishAtItsTime(Keys.event(CommunityExamples.BOB, 62, CLOSE + 10, "forget me", Tag.of("relay", "ALL_RELAYS")));
            List<Event> withoutBob = CommunityExamples.all().stream().filter(e -> !e.pubkey().equals(CommunityExamples.BOB.publicKey())).toList();
            Tally expected = tallyOf(withoutBob, n.clock.seconds());
            assertFalse(expected.members().containsKey(CommunityExamples.BOB.publicKey().hex()));
            n.awaitTally(expected);
        }
        try (CommunitiesTest.TestNode again = new CommunitiesTest.TestNode(dir, CLOSE + 20)) { // and the same after a restart
            List<Event> withoutBob = CommunityExamples.all().stream().filter(e -> !e.pubkey().equals(CommunityExamples.BOB.publicKey())).toList();
            assertEquals(tallyOf(withoutBob, CLOSE + 20).render(), again.communities.tally(CommunityExamples.id()).orElseThrow().render());
        }
    }
}
