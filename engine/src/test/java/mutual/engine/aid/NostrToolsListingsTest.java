package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
import mutual.protocol.event.Event;
import mutual.protocol.event.EventReader;
import mutual.protocol.filter.Filter;
import mutual.protocol.geo.Geohash;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listings written by nostr-tools (interop/aid-listings.mjs, following docs/protocol.md by hand)
 * are matched like Mutual's own, against each other and against ours. Skips when Node.js or
 * nostr-tools is not installed (run {@code npm ci --prefix interop}).
 */
class NostrToolsListingsTest {
    @TempDir
    Path dir;

    static Path interop() {
        return Path.of(System.getProperty("mutual.interop", "../interop")).toAbsolutePath().normalize();
    }

    static List<Event> writtenByNostrTools(long now) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "aid-listings.mjs", Long.toString(now)).directory(interop().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "node aid-listings.mjs failed");
        Json json = Json.create(Limits.defaults());
        List<Event> events = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) events.add(EventReader.read(json, line));
        return events;
    }

    @Test
    void listingsWrittenByNostrToolsAreMatchedLikeOurOwn() throws Exception {
        assumeTrue(Files.isDirectory(interop().resolve("node_modules/nostr-tools")), "nostr-tools is not installed; run npm ci --prefix interop");
        try (AidTestNode n = new AidTestNode(dir); WsClient ws = n.connect()) {
            List<Event> nt = writtenByNostrTools(n.now());
            Event ntOffer = nt.get(0), ntNeed = nt.get(1), ntRoom = nt.get(2);
            for (Event e : nt) assertEquals(AidKinds.LISTING, Listing.parse(e).address().kind());
            ws.publishAccepted(ntOffer);
            ws.publishAccepted(ntRoom);
            Event ours = ListingBuilder.create(ListingType.NEED, "ours", "Groceries").category(Category.FOOD)
                    .geohash(Geohash.encode(52.4986, 13.4030, 5)).sign(Keys.key(1), n.now());
            ws.publishAccepted(ours);
            ws.publishAccepted(ntNeed);
            Set<MatchPair> want = Set.of(pair(ours, ntOffer), pair(ntNeed, ntOffer));
            n.await(() -> suggested(ws).size() >= 2, "two suggestions");
            assertEquals(want, suggested(ws), "each need is matched with the nostr-tools offer, never with the room");
            List<Ranked> ranked = n.aid.rank(Listing.parse(ntNeed), 10);
            assertEquals(List.of(Listing.parse(ntOffer).address()), ranked.stream().map(r -> r.listing().address()).toList());
            assertTrue(ranked.get(0).score().reasons().contains("need is urgent"), ranked.get(0).score().reasons().toString());
        }
    }

    static MatchPair pair(Event need, Event offer) {
        return new MatchPair(Listing.parse(need).address(), Listing.parse(offer).address());
    }

    static Set<MatchPair> suggested(WsClient ws) {
        return ws.req("m" + System.nanoTime(), Filter.builder().kinds(AidKinds.MATCH).build()).stream().map(MatchEvent::parse)
                .filter(m -> m.action() == MatchAction.SUGGEST).map(MatchEvent::pair).collect(Collectors.toSet());
    }
}
