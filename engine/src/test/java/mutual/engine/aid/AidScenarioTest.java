package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import mutual.protocol.aid.ListingStatus;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.aid.TimeWindow;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.dm.ChatMessage;
import mutual.protocol.dm.Nip17;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.geo.Geohash;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two people post a need and an offer that fit, over a real node, and take the match to the end. */
class AidScenarioTest {
    static final SecretKey ALICE = Keys.key(1), BOB = Keys.key(2), CAROL = Keys.key(3);
    static final Geohash KREUZBERG = Geohash.encode(52.4986, 13.4030, 5), NEUKOELLN = Geohash.encode(52.4811, 13.4350, 5);
    static final Geohash MUNICH = Geohash.encode(48.137, 11.575, 5);

    @TempDir
    Path dir;
    AidTestNode n;
    WsClient ws;

    @BeforeEach
    void start() {
        n = new AidTestNode(dir);
        ws = n.connect();
    }

    @AfterEach
    void stop() {
        ws.close();
        n.close();
    }

    ListingBuilder listing(ListingType type, String d, Category c, Geohash g) {
        return ListingBuilder.create(type, d, d).category(c).geohash(g).radiusKm(8).notify(true)
                .window(new TimeWindow(n.now(), n.now() + 7 * 86400)).expiration(n.now() + 14 * 86400);
    }

    List<MatchEvent> suggestions() {
        return ws.req("s" + System.nanoTime(), Filter.builder().kinds(AidKinds.MATCH).build()).stream().map(MatchEvent::parse)
                .filter(m -> m.action() == MatchAction.SUGGEST).toList();
    }

    @Test
    void aFittingNeedAndOfferAreMatchedAndTakenToThanks() throws Exception {
        // Offers that do not fit Alice's need, each for one reason.
        ws.publishAccepted(listing(ListingType.OFFER, "wrong-category", Category.HOUSING, NEUKOELLN).sign(CAROL, n.now()));
        ws.publishAccepted(listing(ListingType.OFFER, "too-far", Category.FOOD, MUNICH).radiusKm(500).sign(CAROL, n.now()));
        ws.publishAccepted(listing(ListingType.OFFER, "expired", Category.FOOD, NEUKOELLN).expiration(n.now() + 60).sign(CAROL, n.now()));
        ws.publishAccepted(listing(ListingType.OFFER, "later", Category.FOOD, NEUKOELLN)
                .window(new TimeWindow(n.now() + 30 * 86400, n.now() + 40 * 86400)).expiration(n.now() + 50 * 86400).sign(CAROL, n.now()));
        ListingBuilder withdrawn = listing(ListingType.OFFER, "withdrawn", Category.FOOD, NEUKOELLN);
        ws.publishAccepted(withdrawn.sign(CAROL, n.now()));
        ws.publishAccepted(withdrawn.status(ListingStatus.WITHDRAWN).sign(CAROL, n.now() + 1));
        Event deleted = listing(ListingType.OFFER, "deleted", Category.FOOD, NEUKOELLN).sign(CAROL, n.now());
        ws.publishAccepted(deleted);
        ws.publishAccepted(EventBuilder.create(5, n.now() + 1).tag("a", Listing.parse(deleted).address().toString()).sign(CAROL));
        n.clock.advance(java.time.Duration.ofSeconds(120));

        Event offer = listing(ListingType.OFFER, "veg-box", Category.FOOD, NEUKOELLN).sign(BOB, n.now());
        ws.publishAccepted(offer);
        Event need = listing(ListingType.NEED, "groceries", Category.FOOD, KREUZBERG).radiusKm(5).sign(ALICE, n.now());
        ws.publishAccepted(need);
        MatchPair pair = new MatchPair(Listing.parse(need).address(), Listing.parse(offer).address());

        n.await(() -> suggestions().size() >= 1, "the node's suggestion");
        List<MatchEvent> s = suggestions();
        assertEquals(1, s.size(), "only the fitting pair is suggested: " + s);
        assertEquals(pair, s.get(0).pair());
        assertEquals(AidTestNode.NODE_KEY.publicKey(), s.get(0).author());

        // Each person reads the node's NIP-17 notice with their own key.
        for (SecretKey who : List.of(ALICE, BOB)) {
            try (WsClient c = n.connect()) {
                c.authAccepted(who, n.now());
                List<Event> wraps = c.req("dm", Filter.builder().kinds(1059).tag('p', who.publicKey().hex()).build());
                assertEquals(1, wraps.size());
                ChatMessage m = Nip17.read(wraps.get(0), who, Json.create(Limits.defaults()));
                assertEquals(AidTestNode.NODE_KEY.publicKey(), m.sender());
                Event other = who == ALICE ? offer : need;
                List<Object> linked = java.util.regex.Pattern.compile("nostr:(naddr1[02-9ac-hj-np-z]+)").matcher(m.content()).results()
                        .map(r -> (Object) ((Entity.Naddr) Nip19.decode(r.group(1))).address()).toList();
                assertTrue(linked.contains(Listing.parse(other).address()) && linked.contains(Listing.parse(who == ALICE ? need : offer).address()),
                        m.content());
                assertTrue(m.content().contains(Nip19.npub(other.pubkey())), m.content());
            }
        }

        // The API shows the match, ranked with reasons; nothing that does not fit.
        String matches = n.get("/api/listings/" + pair.need() + "/matches").body();
        assertTrue(matches.contains("\"state\":\"suggested\"") && matches.contains(pair.offer().toString()), matches);
        assertTrue(!matches.contains(CAROL.publicKey().hex()), matches);

        EventIdHolder sug = new EventIdHolder(s.get(0));
        step(MatchAction.ACCEPT, ALICE, pair, sug, "");
        step(MatchAction.ACCEPT, BOB, pair, sug, "");
        n.await(() -> n.aid.match(pair.ref()).orElseThrow().state() == MatchState.ACCEPTED, "accepted by both");
        step(MatchAction.DONE, BOB, pair, sug, "");
        n.await(() -> n.aid.match(pair.ref()).orElseThrow().state() == MatchState.DONE, "done");
        step(MatchAction.THANKS, ALICE, pair, sug, "Thank you!");
        n.await(() -> n.aid.match(pair.ref()).orElseThrow().steps().size() == 5, "thanks recorded");
        String view = n.get("/api/matches/" + pair.ref()).body();
        assertTrue(view.contains("\"state\":\"done\"") && view.contains("Thank you!"), view);
        Set<String> steps = n.aid.match(pair.ref()).orElseThrow().steps().stream().map(x -> x.action().label()).collect(Collectors.toSet());
        assertEquals(Set.of("suggest", "accept", "done", "thanks"), steps);
        // A finished pair is history, never offered again as a fit.
        String after = n.get("/api/listings/" + pair.need() + "/matches").body();
        assertTrue(after.contains("\"matches\":[]") && after.contains("\"history\":[{"), after);
    }

    @Test
    void aStepByAStrangerOrAnEarlyDoneChangesNothing() throws Exception {
        Event offer = listing(ListingType.OFFER, "o", Category.TOOLS, NEUKOELLN).sign(BOB, n.now());
        Event need = listing(ListingType.NEED, "n", Category.TOOLS, KREUZBERG).sign(ALICE, n.now());
        ws.publishAccepted(offer);
        ws.publishAccepted(need);
        MatchPair pair = new MatchPair(Listing.parse(need).address(), Listing.parse(offer).address());
        n.await(() -> n.aid.match(pair.ref()).isPresent() && n.aid.match(pair.ref()).get().suggestion().isPresent(), "suggestion");
        EventIdHolder sug = new EventIdHolder(suggestions().get(0));
        step(MatchAction.DONE, BOB, pair, sug, ""); // before anyone accepted
        step(MatchAction.ACCEPT, ALICE, pair, sug, "");
        n.await(() -> n.aid.match(pair.ref()).get().acceptedBy().size() == 1, "Alice's accept");
        assertEquals(MatchState.SUGGESTED, n.aid.match(pair.ref()).get().state());
        step(MatchAction.DECLINE, BOB, pair, sug, "");
        n.await(() -> n.aid.match(pair.ref()).get().state() == MatchState.DECLINED, "declined");
    }

    record EventIdHolder(MatchEvent suggestion) {}

    void step(MatchAction a, SecretKey who, MatchPair pair, EventIdHolder sug, String content) {
        ws.publishAccepted(MatchEvent.builder(a, pair).replyTo(sug.suggestion().id()).content(content).sign(who, n.now()));
    }
}
