package mutual.protocol.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;

class CommunityParserTest {
    private static final SecretKey ALICE = CommunityExamples.ALICE;
    private static final EventId C = CommunityExamples.id();
    private static final String CE = C.hex();
    private static final long T = CommunityExamples.T;

    private static Event event(int kind, String content, String[]... tags) {
        EventBuilder b = EventBuilder.create(kind, T).content(content);
        for (String[] t : tags) b.tag(t);
        return b.sign(ALICE);
    }

    private static String[] t(String... v) {
        return v;
    }

    private static void rejects(String reason, Event e) {
        CommunityException x = assertThrows(CommunityException.class, () -> CommunityParser.parse(e));
        assertTrue(x.getMessage().contains(reason), "expected '" + reason + "' in: " + x.getMessage());
    }

    @Test
    void readsTheFoundingWithItsDefaults() {
        Founding f = (Founding) CommunityParser.parse(CommunityEvents.founding("Pantry", "Food for all").sign(ALICE, T));
        assertEquals(Settings.DEFAULTS, f.settings());
        assertEquals(f.id(), f.community());
        assertTrue(f.agreements().isEmpty());
    }

    @Test
    void readsTheFoundingOfTheExample() {
        Founding f = (Founding) CommunityParser.parse(CommunityExamples.founding());
        assertEquals("Kreuzberg food sharing", f.name());
        assertEquals(java.util.List.of("no-resale", "respect"), java.util.List.copyOf(f.agreements().keySet()));
        assertEquals("u33d", f.area().orElseThrow().value());
        assertEquals(java.util.List.of("de", "en"), f.languages());
        assertEquals(new Settings(2, 50, 86400), f.settings());
    }

    @Test
    void rejectsAFoundingWithoutWhatTheRulesRead() {
        String[] tag = t("t", "mutual-community");
        rejects("non-empty name", event(1403, "", t("description", "x"), tag));
        rejects("description tag", event(1403, "", t("name", "x"), tag));
        rejects("mutual-community", event(1403, "", t("name", "x"), t("description", "x")));
        rejects("agreement key 'No Resale'", event(1403, "", t("name", "x"), t("description", "x"), t("agreement", "No Resale", "x"), tag));
        rejects("appears twice", event(1403, "", t("name", "x"), t("description", "x"), t("agreement", "a", "x"), t("agreement", "a", "y"), tag));
        rejects("has no text", event(1403, "", t("name", "x"), t("description", "x"), t("agreement", "a"), tag));
        rejects("\"purpose\" names the description", event(1403, "", t("name", "x"), t("description", "x"), t("agreement", "purpose", "x"), tag));
        rejects("coarse", event(1403, "", t("name", "x"), t("description", "x"), t("g", "u33d8b"), tag));
        rejects("not a prefix", event(1403, "", t("name", "x"), t("description", "x"), t("g", "u33d"), t("g", "u2"), tag));
        rejects("vouches 11 is more than 10", event(1403, "", t("name", "x"), t("description", "x"), t("vouches", "11"), tag));
        rejects("quorum must be 1 to 100", event(1403, "", t("name", "x"), t("description", "x"), t("quorum", "0"), tag));
        rejects("period must be", event(1403, "", t("name", "x"), t("description", "x"), t("period", "60"), tag));
        rejects("more than one name tag", event(1403, "", t("name", "x"), t("name", "y"), t("description", "x"), tag));
        rejects("content is longer", event(1403, "x".repeat(10_001), t("name", "x"), t("description", "x"), tag));
    }

    @Test
    void readsMembershipActsAndRejectsMalformedOnes() {
        MemberAct v = (MemberAct) CommunityParser.parse(CommunityEvents.act(ALICE, T, C, MemberAct.Act.VOUCH,
                Optional.of(CommunityExamples.BOB.publicKey()), ""));
        assertEquals(CommunityExamples.BOB.publicKey(), v.person());
        String[] c = t("e", CE, "", "community");
        String[] ns = t("L", CommunityKinds.NS_MEMBER);
        rejects("no [\"e\", <id>, <relay>, \"community\"]", event(1404, "", t("l", "join", CommunityKinds.NS_MEMBER)));
        rejects("exactly one person", event(1404, "", c, ns, t("l", "vouch", CommunityKinds.NS_MEMBER)));
        rejects("for themselves", event(1404, "", c, t("p", ALICE.publicKey().hex()), t("l", "vouch", CommunityKinds.NS_MEMBER)));
        rejects("is not join, vouch", event(1404, "", c, t("l", "admin", CommunityKinds.NS_MEMBER)));
        rejects("got 2", event(1404, "", c, t("l", "join", CommunityKinds.NS_MEMBER), t("l", "leave", CommunityKinds.NS_MEMBER)));
        rejects("not an event id", event(1404, "", t("e", "abc", "", "community"), t("l", "join", CommunityKinds.NS_MEMBER)));
    }

    @Test
    void readsProposalsAndRejectsMalformedOnes() {
        Proposal p = (Proposal) CommunityParser.parse(CommunityExamples.proposal());
        assertEquals(p.createdAt() + 3 * 86400, p.closesAt());
        String[] c = t("e", CE, "", "community");
        String[] period = t("period", "86400");
        rejects("states its period", event(1405, "why", c, t("agreement", "a", "x"), t("l", "agreement", CommunityKinds.NS_PROPOSAL)));
        rejects("at least 3600", event(1405, "why", c, t("period", "60"), t("agreement", "a", "x"), t("l", "agreement", CommunityKinds.NS_PROPOSAL)));
        rejects("more than 7776000", event(1405, "why", c, t("period", "7776001"), t("agreement", "a", "x"), t("l", "agreement", CommunityKinds.NS_PROPOSAL)));
        rejects("broken agreement", event(1405, "why", c, period, t("p", CommunityExamples.BOB.publicKey().hex()), t("l", "remove", CommunityKinds.NS_PROPOSAL)));
        rejects("link to itself", event(1405, "why", c, period, t("e", CE, "", "link"), t("l", "link", CommunityKinds.NS_PROPOSAL)));
        rejects("exactly one agreement tag", event(1405, "why", c, period, t("l", "agreement", CommunityKinds.NS_PROPOSAL)));
        rejects("says why", event(1405, " ", c, period, t("agreement", "a", "x"), t("l", "agreement", CommunityKinds.NS_PROPOSAL)));
        rejects("not agreement, link or remove", event(1405, "why", c, period, t("l", "dissolve", CommunityKinds.NS_PROPOSAL)));
        Proposal drop = (Proposal) CommunityParser.parse(event(1405, "why", c, period, t("agreement", "a", ""), t("l", "agreement", CommunityKinds.NS_PROPOSAL)));
        assertEquals(new Change.Agreement("a", ""), drop.change());
    }

    @Test
    void anObjectionNeedsABasisAndAReason() {
        String[] c = t("e", CE, "", "community");
        String[] p = t("e", CommunityExamples.proposal().id().hex(), "", "proposal");
        rejects("names the agreement it would break", event(1406, "no", c, p, t("l", "object", CommunityKinds.NS_RESPONSE)));
        rejects("gives its reason", event(1406, "", c, p, t("basis", "respect"), t("l", "object", CommunityKinds.NS_RESPONSE)));
        rejects("not an agreement key", event(1406, "no", c, p, t("basis", "Respect!"), t("l", "object", CommunityKinds.NS_RESPONSE)));
        rejects("says what it is", event(1406, "", c, p, t("l", "concern", CommunityKinds.NS_RESPONSE)));
        rejects("only an objection has a basis", event(1406, "", c, p, t("basis", "respect"), t("l", "consent", CommunityKinds.NS_RESPONSE)));
        rejects("\"proposal\"] tag", event(1406, "", c, t("l", "consent", CommunityKinds.NS_RESPONSE)));
        Response r = (Response) CommunityParser.parse(event(1406, "no", c, p, t("basis", "purpose"), t("l", "object", CommunityKinds.NS_RESPONSE)));
        assertEquals(Optional.of("purpose"), r.basis());
    }

    @Test
    void rejectsOtherKinds() {
        rejects("is not a community event", event(1, "hello"));
    }

    @Test
    void readsReportsAndTheReferralSettingAndRejectsMalformedReports() {
        Report r = CommunityParser.report(CommunityEvents.report(ALICE, T, C, CommunityExamples.BOB.publicKey(), "respect", "He shouted at a volunteer."));
        assertEquals("respect", r.breach());
        assertEquals(CommunityExamples.BOB.publicKey(), r.member());
        assertTrue(CommunityParser.isCommunityReport(CommunityEvents.report(ALICE, T, C, CommunityExamples.BOB.publicKey(), "respect", "x")));
        assertFalse(CommunityParser.isCommunityReport(event(1984, "spam", t("p", CommunityExamples.BOB.publicKey().hex(), "spam"))),
                "an ordinary NIP-56 report is not Mutual's");
        String[] c = t("e", CE, "", "community");
        String[] ns = t("L", CommunityKinds.NS_REPORT);
        String[] bob = t("p", CommunityExamples.BOB.publicKey().hex(), "other");
        java.util.function.Function<Event, CommunityException> fails = e -> assertThrows(CommunityException.class, () -> CommunityParser.report(e));
        assertTrue(fails.apply(event(1984, "x", c, ns, bob)).getMessage().contains("exactly one [\"l\""));
        assertTrue(fails.apply(event(1984, "x", c, ns, t("l", "Be Nice", CommunityKinds.NS_REPORT), bob)).getMessage().contains("by its key"));
        assertTrue(fails.apply(event(1984, "", c, ns, t("l", "respect", CommunityKinds.NS_REPORT), bob)).getMessage().contains("what happened"));
        assertTrue(fails.apply(event(1984, "x", c, ns, t("l", "respect", CommunityKinds.NS_REPORT), t("p", ALICE.publicKey().hex(), "other")))
                .getMessage().contains("someone else"));
        assertTrue(fails.apply(event(1984, "x", ns, t("l", "respect", CommunityKinds.NS_REPORT), bob)).getMessage().contains("\"community\"]"));
        String[] tag = t("t", "mutual-community");
        assertEquals(7200, ((Founding) CommunityParser.parse(event(1403, "", t("name", "x"), t("description", "x"), t("referral", "7200"), tag))).settings().referAfter());
        rejects("referral must be", event(1403, "", t("name", "x"), t("description", "x"), t("referral", "60"), tag));
    }

    @Test
    void readsGuidesAndRejectsOnesWithoutWhatTheLibraryNeeds() {
        Guide g = Guides.parse(CommunityExamples.guide());
        assertEquals(C, g.community());
        assertEquals(java.util.List.of(mutual.protocol.aid.Category.FOOD), g.categories());
        String[] tag = t("t", Guides.HASHTAG), c = t("e", CE, "", "community"), food = t("l", "food", "mutual.aid.category");
        java.util.function.Function<Event, String> why = e -> assertThrows(CommunityException.class, () -> Guides.parse(e)).getMessage();
        assertTrue(why.apply(event(30023, "text", t("d", "x"), c, food, tag)).contains("has a title"));
        assertTrue(why.apply(event(30023, "text", t("d", "x"), t("title", "T"), food, tag)).contains("names its community"));
        assertTrue(why.apply(event(30023, "text", t("d", "x"), t("title", "T"), c, tag)).contains("at least one category"));
        assertTrue(why.apply(event(30023, " ", t("d", "x"), t("title", "T"), c, food, tag)).contains("its text"));
        assertFalse(Guides.isGuide(event(30023, "text", t("d", "x"), t("title", "T"))), "other long-form articles are not Mutual's guides");
    }
}
