package mutual.engine.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import mutual.engine.aid.Trust;
import mutual.engine.testing.Keys;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingType;
import mutual.protocol.community.Change;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.CommunityExamples;
import mutual.protocol.community.MemberAct;
import mutual.protocol.community.Response;
import mutual.protocol.community.Settings;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.geo.Geohash;
import mutual.protocol.nip19.Nip19;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real node: the lists of communities (near a place, of a person, by name), links that hold
 * only when both sides passed one, and the community signals of trust in matching, with their reasons.
 */
class CommunityListsLinksTrustTest {
    static final SecretKey ALICE = CommunityExamples.ALICE, BOB = CommunityExamples.BOB, CAROL = CommunityExamples.CAROL;
    static final SecretKey DAN = Keys.key(41), ERIN = Keys.key(42), FRANK = Keys.key(43);
    static final long HOUR = 3600;

    @TempDir
    Path dir;

    @Test
    void communitiesAreListedNearAPlaceByMemberAndByName() throws Exception {
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, CommunityExamples.T)) {
            for (Event e : CommunityExamples.all()) n.publishAtItsTime(e);
            String all = awaitBody(n, "/api/communities", "\"members\":3");
            assertTrue(all.contains("\"name\":\"Kreuzberg food sharing\""), all);
            String carol = Nip19.npub(CAROL.publicKey());
            assertTrue(n.get("/api/communities?member=" + carol).body().contains(CommunityExamples.id().hex()));
            assertEquals("{\"communities\":[]}", n.get("/api/communities?member=" + DAN.publicKey().hex()).body());
            assertTrue(n.get("/api/communities?near=u33db&km=5").body().contains(CommunityExamples.id().hex()), "Kreuzberg is in u33d");
            assertEquals("{\"communities\":[]}", n.get("/api/communities?near=gcpvj&km=50").body(), "London is far from Berlin");
            assertTrue(n.get("/api/communities?name=KREUZBERG%20food%20sharing").body().contains(CommunityExamples.id().hex()));
            assertEquals("{\"communities\":[]}", n.get("/api/communities?name=Kreuzberg").body(), "a name is matched whole");
            HttpResponse<String> bad = n.get("/api/communities?near=berlin!");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("near is a geohash"), bad.body());
            assertEquals(400, n.get("/api/communities?near=u33d&km=9000").statusCode());
            assertEquals(400, n.get("/api/communities?member=someone").statusCode());
        }
    }

    @Test
    void aLinkHoldsOnlyOnceBothSidesPassedItAndLinkedMembersAreTrusted() throws Exception {
        long t = MutableStart.T;
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, t)) {
            // Two small communities: Alice's with Bob, Dan's with Erin; each member alone admits the next (threshold = members).
            Event a = CommunityEvents.founding("Garden", "Food from the garden.").settings(new Settings(1, 50, HOUR)).sign(ALICE, t);
            Event b = CommunityEvents.founding("Workshop", "Tools for all.").settings(new Settings(1, 50, HOUR)).sign(DAN, t);
            EventId ga = a.id(), wb = b.id();
            n.publishAtItsTime(a);
            n.publishAtItsTime(b);
            n.publishAtItsTime(CommunityEvents.act(BOB, t + 10, ga, MemberAct.Act.JOIN, Optional.empty(), ""));
            n.publishAtItsTime(CommunityEvents.act(ALICE, t + 20, ga, MemberAct.Act.VOUCH, Optional.of(BOB.publicKey()), ""));
            n.publishAtItsTime(CommunityEvents.act(ERIN, t + 10, wb, MemberAct.Act.JOIN, Optional.empty(), ""));
            n.publishAtItsTime(CommunityEvents.act(DAN, t + 20, wb, MemberAct.Act.VOUCH, Optional.of(ERIN.publicKey()), ""));
            // Frank is vouched into the workshop by Erin, whom Dan vouched for.
            n.publishAtItsTime(CommunityEvents.act(FRANK, t + 30, wb, MemberAct.Act.JOIN, Optional.empty(), ""));
            n.publishAtItsTime(CommunityEvents.act(DAN, t + 40, wb, MemberAct.Act.VOUCH, Optional.of(FRANK.publicKey()), ""));
            n.publishAtItsTime(CommunityEvents.act(ERIN, t + 50, wb, MemberAct.Act.VOUCH, Optional.of(FRANK.publicKey()), ""));

            eventually(n, reason(1.0, "you vouched for them in \"Garden\""), () -> n.communities.trust().of(ALICE.publicKey(), BOB.publicKey()));
            eventually(n, reason(1.0, "they vouched for you in \"Garden\""), () -> n.communities.trust().of(BOB.publicKey(), ALICE.publicKey()));
            eventually(n, reason(0.8, "member of \"Workshop\", a community you belong to"), () -> n.communities.trust().of(ERIN.publicKey(), FRANK.publicKey()));
            eventually(n, Trust.NONE, () -> n.communities.trust().of(ALICE.publicKey(), ERIN.publicKey()));

            // The garden consents to the link; the workshop has not: no link yet.
            Event fromA = CommunityEvents.propose(ALICE, t + 100, ga, HOUR, new Change.Link(wb), "They lend tools.");
            n.publishAtItsTime(fromA);
            n.publishAtItsTime(CommunityEvents.respond(BOB, t + 200, ga, fromA.id(), Response.Answer.CONSENT, Optional.empty(), ""));
            n.clock.advance(Duration.ofSeconds(HOUR));
            awaitBody(n, "/api/communities/" + ga.hex(), "\"links\":[\"" + wb.hex() + "\"],\"linked\":[]");
            eventually(n, Trust.NONE, () -> n.communities.trust().of(ALICE.publicKey(), ERIN.publicKey()));

            // The workshop consents too: the link holds on both sides, and members of each trust the other's.
            Event fromB = CommunityEvents.propose(DAN, t + HOUR + 300, wb, HOUR, new Change.Link(ga), "They grow food.");
            n.publishAtItsTime(fromB);
            n.publishAtItsTime(CommunityEvents.respond(ERIN, t + HOUR + 400, wb, fromB.id(), Response.Answer.CONSENT, Optional.empty(), ""));
            n.clock.advance(Duration.ofSeconds(2 * HOUR));
            awaitBody(n, "/api/communities/" + ga.hex(), "\"linked\":[{\"id\":\"" + wb.hex() + "\",\"name\":\"Workshop\"}]");
            assertTrue(n.get("/api/communities/" + wb.hex()).body().contains("\"linked\":[{\"id\":\"" + ga.hex() + "\",\"name\":\"Garden\"}]"));
            eventually(n, reason(0.5, "member of \"Workshop\", linked with your community \"Garden\""), () -> n.communities.trust().of(ALICE.publicKey(), ERIN.publicKey()));

            // Matching shows the reason: Bob needs tools, Alice offers them; they share the garden.
            Geohash kreuzberg = Geohash.encode(52.4986, 13.4030, 5);
            long now = n.clock.seconds();
            n.publishAtItsTime(ListingBuilder.create(ListingType.OFFER, "drill", "A drill").category(Category.TOOLS).geohash(kreuzberg).sign(ALICE, now));
            n.publishAtItsTime(ListingBuilder.create(ListingType.NEED, "drill-need", "Need a drill").category(Category.TOOLS).geohash(kreuzberg).sign(BOB, now));
            String reasons = awaitMatch(n);
            assertTrue(reasons.contains("trusted: they vouched for you in \"Garden\""), reasons);
        }
    }

    @Test
    void someoneVouchedInByAPersonIVouchedForIsTrustedLessThanAFellowMember() throws Exception {
        long t = MutableStart.T;
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, t)) {
            Event a = CommunityEvents.founding("Garden", "Food from the garden.").settings(new Settings(1, 50, HOUR)).sign(ALICE, t);
            Event b = CommunityEvents.founding("Choir", "Singing.").settings(new Settings(1, 50, HOUR)).sign(BOB, t);
            n.publishAtItsTime(a);
            n.publishAtItsTime(b);
            n.publishAtItsTime(CommunityEvents.act(BOB, t + 10, a.id(), MemberAct.Act.JOIN, Optional.empty(), ""));
            n.publishAtItsTime(CommunityEvents.act(ALICE, t + 20, a.id(), MemberAct.Act.VOUCH, Optional.of(BOB.publicKey()), ""));
            n.publishAtItsTime(CommunityEvents.act(CAROL, t + 30, b.id(), MemberAct.Act.JOIN, Optional.empty(), ""));
            n.publishAtItsTime(CommunityEvents.act(BOB, t + 40, b.id(), MemberAct.Act.VOUCH, Optional.of(CAROL.publicKey()), ""));
            eventually(n, reason(0.6, "vouched into \"Choir\" by " + Nip19.npub(BOB.publicKey()) + ", whom you vouched for"),
                    () -> n.communities.trust().of(ALICE.publicKey(), CAROL.publicKey()));
            // Carol leaves the choir: the signal goes with her membership.
            n.publishAtItsTime(CommunityEvents.act(CAROL, t + 50, b.id(), MemberAct.Act.LEAVE, Optional.empty(), ""));
            eventually(n, Trust.NONE, () -> n.communities.trust().of(ALICE.publicKey(), CAROL.publicKey()));
            assertFalse(n.get("/api/communities?member=" + CAROL.publicKey().hex()).body().contains(b.id().hex()));
        }
    }

    /** The node hands accepted events to the community thread after OK: waits up to 10 s for {@code got} to be {@code expected}. */
    private static void eventually(CommunitiesTest.TestNode n, Trust expected, java.util.function.Supplier<Trust> got) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Trust last = null;
        while (System.nanoTime() < end) {
            n.communities.index(); // brought up to the clock
            last = got.get();
            if (last.equals(expected)) return;
            Thread.sleep(10);
        }
        assertEquals(expected, last);
    }

    /** Waits up to 10 s for the body at {@code path} to contain {@code part}, and returns it. */
    private static String awaitBody(CommunitiesTest.TestNode n, String path, String part) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = "";
        while (System.nanoTime() < end) {
            body = n.get(path).body();
            if (body.contains(part)) return body;
            Thread.sleep(10);
        }
        throw new AssertionError(part + " not in " + body);
    }

    private static Trust reason(double score, String why) {
        return Trust.of(score, why);
    }

    private static String awaitMatch(CommunitiesTest.TestNode n) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            var found = n.store.query(java.util.List.of(Filter.builder().kinds(AidKinds.MATCH).build()), mutual.store.Viewer.node(), 10);
            if (!found.isEmpty()) return found.getFirst().content();
            Thread.sleep(20);
        }
        throw new AssertionError("no match suggested in 10 s");
    }

    /** A start time for communities made in the test, on the test node's clock. */
    private static final class MutableStart {
        static final long T = mutual.engine.testing.MutableClock.START;
    }
}
