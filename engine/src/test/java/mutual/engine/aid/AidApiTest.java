package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mutual.engine.testing.Keys;
import mutual.engine.testing.WsClient;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingStatus;
import mutual.protocol.aid.ListingType;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.geo.Geohash;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aid HTTP API (docs/api.md) over a real node on loopback. */
class AidApiTest {
    static final SecretKey ALICE = Keys.key(1), BOB = Keys.key(2);
    static final Geohash BERLIN = Geohash.encode(52.50, 13.40, 5), POTSDAM = Geohash.encode(52.39, 13.06, 5), PARIS = Geohash.encode(48.86, 2.35, 5);

    @TempDir
    Path dir;
    AidTestNode n;
    Event bike, soup, flat, oldSoup;

    @BeforeEach
    void start() throws Exception {
        n = new AidTestNode(dir);
        long t = n.now();
        bike = ListingBuilder.create(ListingType.OFFER, "bike", "Bike repair help").category(Category.TOOLS).category(Category.SKILLS)
                .content("I can fix brakes and gears").geohash(BERLIN).sign(BOB, t);
        soup = ListingBuilder.create(ListingType.NEED, "soup", "Hot soup").category(Category.FOOD).urgency(mutual.protocol.aid.Urgency.URGENT)
                .geohash(POTSDAM).radiusKm(40).sign(ALICE, t);
        flat = ListingBuilder.create(ListingType.NEED, "flat", "A room for a month").category(Category.HOUSING).geohash(PARIS).sign(ALICE, t);
        Event done = ListingBuilder.create(ListingType.NEED, "old", "Old soup").category(Category.FOOD).geohash(BERLIN)
                .status(ListingStatus.FULFILLED).sign(ALICE, t);
        try (WsClient ws = n.connect()) {
            for (Event e : List.of(bike, soup, flat, done)) ws.publishAccepted(e);
        }
        oldSoup = done;
        n.await(() -> n.aid.indexed() == 3, "three current listings");
    }

    @AfterEach
    void stop() {
        n.close();
    }

    String ref(Event e) {
        return Listing.parse(e).address().toString();
    }

    HttpResponse<String> get(String path) throws Exception {
        return n.get(path);
    }

    @Test
    void filtersListingsByTypeCategoryPlaceStatusAndText() throws Exception {
        assertTitles("/api/listings", "Bike repair help", "Hot soup", "A room for a month");
        assertTitles("/api/listings?type=need", "Hot soup", "A room for a month");
        assertTitles("/api/listings?category=skills", "Bike repair help");
        assertTitles("/api/listings?near=" + BERLIN + "&radius_km=30", "Bike repair help", "Hot soup");
        assertTitles("/api/listings?near=" + BERLIN + "&radius_km=5", "Bike repair help");
        assertTitles("/api/listings?q=" + URLEncoder.encode("brakes gears", StandardCharsets.UTF_8), "Bike repair help");
        assertTitles("/api/listings?status=fulfilled", "Old soup");
    }

    @Test
    void showsOneListingByAddressOrNaddr() throws Exception {
        HttpResponse<String> r = get("/api/listings/" + ref(soup));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"urgency\":\"urgent\"") && r.body().contains("\"radius_km\":40"), r.body());
        String naddr = Nip19.encode(Entity.Naddr.of(Listing.parse(soup).address(), List.of("ws://x")));
        assertEquals(r.body(), get("/api/listings/" + naddr).body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }

    @Test
    void aListingWhoseReferenceHasAnEncodedCharacterIsFound() throws Exception {
        Event veg = ListingBuilder.create(ListingType.OFFER, "veg box", "Vegetable box").category(Category.FOOD).geohash(BERLIN).sign(BOB, n.now());
        try (WsClient ws = n.connect()) {
            ws.publishAccepted(veg);
        }
        n.await(() -> n.aid.indexed() == 4, "the veg box");
        String encoded = ref(veg).replace(" ", "%20");
        assertTrue(encoded.endsWith(":veg%20box"), encoded);
        HttpResponse<String> r = get("/api/listings/" + encoded);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Vegetable box"), r.body());
        assertEquals(200, get("/api/listings/" + encoded + "/matches").statusCode());
    }

    @Test
    void aListingThatNamesAPlaceFinerThanPreciseIsRefusedWithTheReason() {
        try (WsClient ws = n.connect()) {
            Event doorstep = ListingBuilder.create(ListingType.OFFER, "door", "At my door").category(Category.FOOD)
                    .geohash(Geohash.encode(52.5163, 13.3777, 9)).sign(BOB, n.now());
            var ok = ws.publish(doorstep);
            assertFalse(ok.accepted());
            assertEquals("invalid: a public listing's place is at most 7 geohash characters (about 150 m), this one has 9;"
                    + " give the exact place only in an encrypted message (docs/protocol.md, Location)", ok.message());
            ws.publishAccepted(ListingBuilder.create(ListingType.OFFER, "street", "On my street").category(Category.FOOD)
                    .geohash(Geohash.encode(52.5163, 13.3777, 7)).sign(BOB, n.now()));
        }
    }

    @Test
    void matchesAreRankedWithScoreAndReasons() throws Exception {
        try (WsClient ws = n.connect()) {
            ws.publishAccepted(ListingBuilder.create(ListingType.OFFER, "soup-pot", "Big pot of soup").category(Category.FOOD)
                    .geohash(BERLIN).radiusKm(30).sign(BOB, n.now()));
        }
        n.await(() -> n.aid.indexed() == 4, "the soup offer");
        // The node's suggestion is itself an event: it is recorded once it has gone through ingest.
        n.await(() -> matchesBody().contains("\"state\":\"suggested\""), "the node's suggestion");
        String body = matchesBody();
        assertTrue(body.contains("\"score\":") && body.contains("\"reasons\":[\"category food\"") && body.contains("Big pot of soup"), body);
        assertTrue(body.contains("\"state\":\"suggested\""), body);
        assertFalse(body.contains("Bike repair help"), body);
    }

    private String matchesBody() {
        try {
            return get("/api/listings/" + ref(soup) + "/matches").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void errorsHaveAStatusAndAMessage() throws Exception {
        assertError(get("/api/listings?type=gift"), 400, "type must be offer or need");
        assertError(get("/api/listings?near=aaaa"), 400, "near must be a geohash");
        assertError(get("/api/listings?radius_km=5"), 400, "radius_km needs near");
        assertError(get("/api/listings?near=u33&radius_km=-1"), 400, "radius_km must be");
        assertError(get("/api/listings/not-an-address"), 400, "neither an naddr");
        assertError(get("/api/listings/1:" + ALICE.publicKey().hex() + ":x"), 400, "does not name a listing");
        assertError(get("/api/listings/30402:" + ALICE.publicKey().hex() + ":nothing"), 404, "no listing");
        assertError(get("/api/nothing"), 404, "no such API path");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port + "/api/listings"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(post, 405, "only GET");
    }

    void assertTitles(String path, String... titles) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), r.body());
        for (String t : titles) assertTrue(r.body().contains("\"title\":\"" + t + "\""), path + " should list " + t + ": " + r.body());
        assertTrue(r.body().contains("\"count\":" + titles.length), path + ": " + r.body());
    }

    static void assertError(HttpResponse<String> r, int status, String message) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"error\":\"") && r.body().contains(message), r.body());
    }
}
