package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import mutual.engine.testing.Keys;
import mutual.engine.testing.WsClient;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A personal block (NIP-51 mute list, kind 10000) wins over everything: the two are never matched, either way round. */
class BlocksTest {
    static final SecretKey ALICE = Keys.key(1), BOB = Keys.key(2), CAROL = Keys.key(3);

    @TempDir
    Path dir;

    static Event mutes(SecretKey who, long at, SecretKey... whom) {
        EventBuilder b = EventBuilder.create(MuteLists.KIND, at);
        for (SecretKey k : whom) b.tag("p", k.publicKey().hex());
        return b.sign(who);
    }

    @Test
    void someoneWhoBlockedTheOtherSideIsNeverMatchedWithThem() throws Exception {
        try (AidTestNode n = new AidTestNode(dir); WsClient ws = n.connect()) {
            ws.publishAccepted(mutes(ALICE, n.now(), BOB)); // Alice blocked Bob; follows and trust do not matter
            ws.publishAccepted(FollowsTest.follows(BOB, n.now(), ALICE));
            Event offer = MatchMemoryTest.listing(n, ListingType.OFFER, "offer", AidScenarioTest.NEUKOELLN, BOB);
            Event need = MatchMemoryTest.listing(n, ListingType.NEED, "need", AidScenarioTest.KREUZBERG, ALICE);
            Event carols = MatchMemoryTest.listing(n, ListingType.NEED, "carols", AidScenarioTest.KREUZBERG, CAROL);
            ws.publishAccepted(offer);
            ws.publishAccepted(need);
            ws.publishAccepted(carols);
            // Carol's need is matched with Bob's offer: the block is Alice's alone.
            n.await(() -> !ws.req("s" + System.nanoTime(), Filter.builder().kinds(AidKinds.MATCH).build()).isEmpty(), "Carol's suggestion");
            List<Event> suggestions = ws.req("all", Filter.builder().kinds(AidKinds.MATCH).build());
            assertEquals(1, suggestions.size(), "only Carol's: " + suggestions);
            assertTrue(suggestions.getFirst().tags().toString().contains(Listing.parse(carols).address().toString()));
            String fits = n.get("/api/listings/" + Listing.parse(need).address() + "/matches").body();
            assertFalse(fits.contains("\"offer\"") || fits.contains(Listing.parse(offer).address().toString()), fits);
            String fromBob = n.get("/api/listings/" + Listing.parse(offer).address() + "/matches").body();
            assertFalse(fromBob.contains(Listing.parse(need).address().toString()), "nor is Alice's need shown to Bob: " + fromBob);
            assertTrue(fromBob.contains(Listing.parse(carols).address().toString()), fromBob);
        }
    }
}
