package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mutual.engine.testing.Keys;
import mutual.engine.testing.WsClient;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.geo.Geohash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matches with no step for {@link MatchBook#KEEP_IN_MEMORY} leave memory, so the node's memory
 * follows recent activity; the store keeps them, and they come back whole when needed.
 */
class MatchMemoryTest {
    static final SecretKey ALICE = Keys.key(1), BOB = Keys.key(2), CAROL = Keys.key(3);
    static final Geohash KREUZBERG = Geohash.encode(52.4986, 13.4030, 5), NEUKOELLN = Geohash.encode(52.4811, 13.4350, 5);

    @TempDir
    Path dir;

    static Event listing(AidTestNode n, ListingType type, String d, Geohash g, SecretKey who) {
        return ListingBuilder.create(type, d, d).category(Category.FOOD).geohash(g).radiusKm(8).sign(who, n.now());
    }

    static List<MatchEvent> suggestionsFor(WsClient ws, MatchPair pair) {
        return ws.req("s" + System.nanoTime(), Filter.builder().kinds(AidKinds.MATCH).build()).stream().map(MatchEvent::parse)
                .filter(m -> m.action() == MatchAction.SUGGEST && m.pair().equals(pair)).toList();
    }

    /** Alice's need and Bob's offer, suggested by the node; returns the pair and the suggestion. */
    static MatchEvent suggested(AidTestNode n, WsClient ws, String tag) throws Exception {
        Event offer = listing(n, ListingType.OFFER, "offer-" + tag, NEUKOELLN, BOB);
        Event need = listing(n, ListingType.NEED, "need-" + tag, KREUZBERG, ALICE);
        ws.publishAccepted(offer);
        ws.publishAccepted(need);
        MatchPair pair = new MatchPair(Listing.parse(need).address(), Listing.parse(offer).address());
        n.await(() -> suggestionsFor(ws, pair).size() == 1, "the node's suggestion of " + tag);
        return suggestionsFor(ws, pair).get(0);
    }

    static void step(AidTestNode n, WsClient ws, MatchAction a, SecretKey who, MatchEvent sug) {
        ws.publishAccepted(MatchEvent.builder(a, sug.pair()).replyTo(sug.id()).sign(who, n.now()));
    }

    @Test
    void aQuietMatchLeavesMemoryAndComesBackWholeWithItsNextStep() throws Exception {
        try (AidTestNode n = new AidTestNode(dir); WsClient ws = n.connect()) {
            MatchEvent sug = suggested(n, ws, "1");
            MatchPair pair = sug.pair();
            // An early "done" does not count, not now and not when the steps are read back later.
            step(n, ws, MatchAction.DONE, BOB, sug);
            n.clock.advance(Duration.ofSeconds(1));
            step(n, ws, MatchAction.ACCEPT, ALICE, sug);
            step(n, ws, MatchAction.ACCEPT, BOB, sug);
            n.await(() -> n.aid.match(pair.ref()).map(m -> m.state() == MatchState.ACCEPTED).orElse(false), "accepted by both");

            n.clock.advance(Duration.ofSeconds(MatchBook.KEEP_IN_MEMORY + 86400));
            ws.publishAccepted(EventBuilder.create(3, n.now()).sign(CAROL)); // any event the aid engine reads
            n.await(() -> n.aid.match(pair.ref()).isEmpty(), "the quiet match to leave memory");

            String matches = n.get("/api/listings/" + pair.need() + "/matches").body();
            assertTrue(matches.contains("\"state\":\"accepted\"") && matches.contains(pair.offer().toString()), matches);
            assertEquals(404, n.get("/api/matches/" + pair.ref()).statusCode());

            step(n, ws, MatchAction.DONE, BOB, sug);
            n.await(() -> n.aid.match(pair.ref()).map(m -> m.state() == MatchState.DONE).orElse(false), "done, read back from the store");
            assertEquals(List.of(MatchAction.SUGGEST, MatchAction.ACCEPT, MatchAction.ACCEPT, MatchAction.DONE),
                    n.aid.match(pair.ref()).orElseThrow().steps().stream().map(MatchEvent::action).toList(), "the early done does not count");

            // The completed match counts for trust in the next suggestion between the two.
            MatchEvent next = suggested(n, ws, "2");
            assertTrue(next.content().contains("completed a match together before"), next.content());
        }
    }

    @Test
    void aRestartReadsRecentMatchesAndEveryCompletedOne() throws Exception {
        MatchPair old;
        try (AidTestNode n = new AidTestNode(dir); WsClient ws = n.connect()) {
            MatchEvent sug = suggested(n, ws, "1");
            old = sug.pair();
            step(n, ws, MatchAction.ACCEPT, ALICE, sug);
            step(n, ws, MatchAction.ACCEPT, BOB, sug);
            step(n, ws, MatchAction.DONE, ALICE, sug);
            n.await(() -> n.aid.match(old.ref()).map(m -> m.state() == MatchState.DONE).orElse(false), "done");
        }
        try (AidTestNode n = new AidTestNode(dir)) { // restarted soon after: the match is read back whole
            assertEquals(MatchState.DONE, n.aid.match(old.ref()).orElseThrow().state());
            assertEquals(List.of(MatchAction.SUGGEST, MatchAction.ACCEPT, MatchAction.ACCEPT, MatchAction.DONE),
                    n.aid.match(old.ref()).orElseThrow().steps().stream().map(MatchEvent::action).toList());
        }
        // Restarted long after: the match is too old to be read into memory at start, but it
        // still counts for trust, and the listing's matches still show it.
        try (AidTestNode n = new AidTestNode(dir, Aid.defaultMaxListings(), Duration.ofSeconds(3 * MatchBook.KEEP_IN_MEMORY));
             WsClient ws = n.connect()) {
            assertTrue(n.aid.match(old.ref()).isEmpty(), "only recent matches are read at start");
            String matches = n.get("/api/listings/" + old.need() + "/matches").body();
            assertTrue(matches.contains("\"state\":\"done\""), matches);
            MatchEvent next = suggested(n, ws, "2");
            assertTrue(next.content().contains("completed a match together before"), next.content());
        }
    }
}
