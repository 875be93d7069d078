package mutual.engine.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mutual.engine.testing.Keys;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.Urgency;
import mutual.protocol.community.Change;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.MemberAct;
import mutual.protocol.community.Response;
import mutual.protocol.community.Settings;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.geo.Geohash;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/protocol.md, "Referral", on a real node: an urgent need that stays unmatched for its
 * community's time is offered to the linked community, then to the one linked with that, and
 * matched there beyond its reach; the path is served; a need that says no is never referred.
 */
class ReferralTest {
    static final SecretKey ALICE = Keys.key(51), BOB = Keys.key(52), DAN = Keys.key(53), ERIN = Keys.key(54), GINA = Keys.key(55);
    static final long HOUR = 3600, DAY = 86400;
    static final Geohash KREUZBERG = Geohash.encode(52.4986, 13.4030, 5), POTSDAM = Geohash.encode(52.3906, 13.0645, 5);

    @TempDir
    Path dir;

    /** Founds a community of {@code founder} and {@code second}, with one-hour proposals and the default day before referral. */
    private static EventId community(CommunitiesTest.TestNode n, String name, SecretKey founder, SecretKey second, long t) throws Exception {
        Event f = CommunityEvents.founding(name, name + " for all.").settings(new Settings(1, 50, HOUR)).sign(founder, t);
        n.publishAtItsTime(f);
        n.publishAtItsTime(CommunityEvents.act(second, t + 1, f.id(), MemberAct.Act.JOIN, Optional.empty(), ""));
        n.publishAtItsTime(CommunityEvents.act(founder, t + 2, f.id(), MemberAct.Act.VOUCH, Optional.of(second.publicKey()), ""));
        return f.id();
    }

    /** Both sides pass a link: proposed by each founder, open one hour. */
    private static void link(CommunitiesTest.TestNode n, EventId a, SecretKey fa, EventId b, SecretKey fb, long t) throws Exception {
        n.publishAtItsTime(CommunityEvents.propose(fa, t, a, HOUR, new Change.Link(b), "link"));
        n.publishAtItsTime(CommunityEvents.propose(fb, t + 1, b, HOUR, new Change.Link(a), "link"));
    }

    private static Event urgentNeed(String d, SecretKey who, long at, boolean referable) {
        return ListingBuilder.create(ListingType.NEED, d, "A drill, today").category(Category.TOOLS).urgency(Urgency.URGENT).geohash(KREUZBERG)
                .radiusKm(5).referable(referable).sign(who, at);
    }

    @Test
    void anUrgentNeedIsReferredThroughLinksAndMatchedThereBeyondItsReach() throws Exception {
        long t = mutual.engine.testing.MutableClock.START;
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, t)) {
            EventId garden = community(n, "Garden", ALICE, BOB, t), workshop = community(n, "Workshop", DAN, ERIN, t + 10);
            EventId choir = community(n, "Choir", GINA, ALICE, t + 20); // Alice is in the choir too; Gina only there
            link(n, garden, ALICE, workshop, DAN, t + 100);
            n.clock.advance(Duration.ofSeconds(HOUR + 200));
            link(n, workshop, DAN, choir, GINA, n.clock.seconds());
            n.clock.advance(Duration.ofSeconds(HOUR + 10));

            // Gina (only in the choir) has a drill in Potsdam, 25 km away: beyond the need's 5 km.
            long posted = n.clock.seconds();
            n.publishAtItsTime(ListingBuilder.create(ListingType.OFFER, "drill", "Drill to lend").category(Category.TOOLS).geohash(POTSDAM)
                    .radiusKm(5).sign(GINA, posted));
            Event need = urgentNeed("drill-need", BOB, posted, true);
            Event private_ = urgentNeed("drill-private", BOB, posted, false);
            n.publishAtItsTime(need);
            n.publishAtItsTime(private_);
            String path = "/api/listings/" + Listing.parse(need).address() + "/referrals";
            assertEquals("{\"listing\":\"" + Listing.parse(need).address() + "\",\"referable\":true,\"referred\":[]}", n.get(path).body(), "not yet");

            // A day later the workshop has it; the choir is the workshop's link, a day after that.
            n.clock.advance(Duration.ofSeconds(DAY));
            n.communities.index();
            String oneDay = n.get(path).body();
            assertTrue(oneDay.contains("\"community\":\"" + workshop.hex() + "\",\"name\":\"Workshop\",\"via\":\"" + garden.hex() + "\",\"via_name\":\"Garden\",\"at\":" + (posted + DAY)), oneDay);
            assertFalse(oneDay.contains("Choir"), oneDay);
            n.aid.referNow().get();
            assertTrue(suggestions(n).isEmpty(), "nobody in the workshop offers a drill");

            n.clock.advance(Duration.ofSeconds(DAY));
            n.communities.index();
            assertTrue(n.get(path).body().contains("\"name\":\"Choir\",\"via\":\"" + workshop.hex() + "\",\"via_name\":\"Workshop\",\"at\":" + (posted + 2 * DAY)));
            n.aid.referNow().get();
            List<Event> found = suggestions(n);
            assertEquals(1, found.size(), "only the need that allows referral: " + found);
            assertTrue(found.getFirst().content().contains("referred to \"Choir\" (linked with \"Workshop\")"), found.getFirst().content());
            assertTrue(found.getFirst().content().contains("km apart"), found.getFirst().content());
            String privatePath = "/api/listings/" + Listing.parse(private_).address() + "/referrals";
            assertTrue(n.get(privatePath).body().contains("\"referable\":false,\"referred\":[]"));
            // The API's fits show it too, with the path as a reason.
            assertTrue(n.get("/api/listings/" + Listing.parse(need).address() + "/matches").body().contains("referred to \\\"Choir\\\""));
        }
    }

    private static List<Event> suggestions(CommunitiesTest.TestNode n) throws Exception {
        n.aid.idle().get();
        Thread.sleep(200); // the node takes in its own suggestion after the aid thread hands it over
        return n.store.query(List.of(Filter.builder().kinds(AidKinds.MATCH).build()), Viewer.node(), 10);
    }
}
