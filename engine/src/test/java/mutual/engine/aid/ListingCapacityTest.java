package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mutual.engine.testing.Keys;
import mutual.engine.testing.WsClient;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingType;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.geo.Geohash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing index is bounded (it lives in the heap): when full, the newest listings stay and
 * the oldest are left out of matching, while the relay keeps serving every one of them.
 */
class ListingCapacityTest {
    static final SecretKey ALICE = Keys.key(1), BOB = Keys.key(2);
    static final Geohash BERLIN = Geohash.encode(52.50, 13.40, 5);

    @TempDir
    Path dir;

    static Event listing(SecretKey who, String d, long createdAt) {
        return ListingBuilder.create(ListingType.OFFER, d, "Offer " + d).category(Category.FOOD).geohash(BERLIN).sign(who, createdAt);
    }

    static Listing parsed(SecretKey who, String d, long createdAt) {
        return Listing.parse(listing(who, d, createdAt));
    }

    @Test
    void aFullIndexKeepsTheNewestListings() {
        long now = 1_800_000_000L;
        ListingIndex index = new ListingIndex(2);
        assertTrue(index.put(parsed(ALICE, "a", now - 300), now));
        assertTrue(index.put(parsed(ALICE, "b", now - 100), now));
        assertEquals(0, index.leftOut());

        // Full: a newer listing takes the place of the oldest.
        assertTrue(index.put(parsed(BOB, "c", now - 200), now));
        assertEquals(2, index.size());
        assertEquals(1, index.leftOut());
        assertTrue(index.get(parsed(ALICE, "a", now - 300).address()).isEmpty(), "the oldest made room");

        // One older than everything indexed stays out, and takes nobody's place.
        assertFalse(index.put(parsed(BOB, "d", now - 400), now));
        assertEquals(Set.of("b", "c"), index.all().stream().map(l -> l.address().d()).collect(Collectors.toSet()));
        assertEquals(2, index.leftOut());

        // A new version of an indexed listing replaces it without evicting another.
        assertTrue(index.put(parsed(ALICE, "b", now - 50), now));
        assertEquals(Set.of("b", "c"), index.all().stream().map(l -> l.address().d()).collect(Collectors.toSet()));
        assertEquals(2, index.leftOut());

        // The matcher finds only what is indexed.
        List<String> near = index.near(ListingType.OFFER, Category.FOOD, BERLIN.centre(), 5).stream()
                .map(s -> s.listing().address().d()).sorted().toList();
        assertEquals(List.of("b", "c"), near);
    }

    @Test
    void removingMakesRoomAgain() {
        long now = 1_800_000_000L;
        ListingIndex index = new ListingIndex(1);
        Listing a = parsed(ALICE, "a", now - 100);
        assertTrue(index.put(a, now));
        index.remove(a.address());
        assertTrue(index.put(parsed(BOB, "old", now - 900), now), "an empty slot takes even an old listing");
        assertEquals(0, index.leftOut());
    }

    @Test
    void anIndexHasRoomForOneAtLeast() {
        assertThrows(IllegalArgumentException.class, () -> new ListingIndex(0));
    }

    @Test
    void aNodeWithAFullIndexStillServesEveryListingAndSaysWhatItLeftOut() throws Exception {
        List<Event> listings;
        try (AidTestNode n = new AidTestNode(dir, 2)) {
            long t = n.now();
            listings = List.of(listing(ALICE, "oldest", t - 300), listing(BOB, "middle", t - 200), listing(ALICE, "newest", t - 100));
            try (WsClient ws = n.connect()) {
                for (Event e : listings) ws.publishAccepted(e);
                n.await(() -> n.aid.leftOut() == 1, "one listing left out");
                assertEquals(3, ws.req("all", Filter.builder().kinds(AidKinds.LISTING).build()).size(), "the relay keeps them all");
            }
            assertStatus(n, 2, 2, 1);
            String body = n.get("/api/listings").body();
            assertTrue(body.contains("Offer newest") && body.contains("Offer middle") && !body.contains("Offer oldest"), body);
        }
        // A restart loads the newest two from the store.
        try (AidTestNode n = new AidTestNode(dir, 2)) {
            assertStatus(n, 2, 2, 1);
            assertFalse(n.get("/api/listings").body().contains("Offer oldest"));
        }
    }

    static void assertStatus(AidTestNode n, int listings, int max, long leftOut) throws Exception {
        var r = n.get("/api/status");
        assertEquals(200, r.statusCode());
        assertEquals("{\"listings\":" + listings + ",\"max_listings\":" + max + ",\"left_out\":" + leftOut + "}", r.body());
    }
}
