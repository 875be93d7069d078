package mutual.protocol.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;

/** The rules of docs/protocol.md "Communities", one story each. */
class TallyRulesTest {
    private static final long T = 1_000_000;
    private final List<CommunityEvent> events = new ArrayList<>();
    private int ids;
    private final PubKey ana = key(1), ben = key(2), cai = key(3), dee = key(4), eve = key(5);
    private final Founding founding;

    TallyRulesTest() {
        LinkedHashMap<String, String> agreements = new LinkedHashMap<>();
        agreements.put("respect", "We treat each other with respect.");
        founding = new Founding(id(), ana, T, "c", "food for all", agreements, Optional.empty(), List.of(), new Settings(2, 50, 3600), "");
        events.add(founding);
    }

    private static PubKey key(int n) {
        byte[] b = new byte[32];
        b[31] = (byte) n;
        return PubKey.of(b);
    }

    private EventId id() {
        byte[] b = new byte[32];
        b[0] = (byte) (++ids >> 8);
        b[1] = (byte) ids;
        return EventId.of(b);
    }

    private void act(PubKey who, long at, MemberAct.Act act, PubKey whom) {
        events.add(new MemberAct(id(), who, T + at, founding.id(), act, Optional.ofNullable(whom), ""));
    }

    private void admit(PubKey who, long at, PubKey... vouchers) {
        act(who, at, MemberAct.Act.JOIN, null);
        for (PubKey v : vouchers) act(v, at, MemberAct.Act.VOUCH, who);
    }

    private Proposal propose(PubKey who, long at, Change change) {
        Proposal p = new Proposal(id(), who, T + at, founding.id(), 3600, change, "why");
        events.add(p);
        return p;
    }

    private Response respond(PubKey who, long at, Proposal p, Response.Answer a, String basis) {
        Response r = new Response(id(), who, T + at, founding.id(), p.id(), a, Optional.ofNullable(basis), "because");
        events.add(r);
        return r;
    }

    private Tally at(long t) {
        return CommunityLedger.compute(founding.id(), events, T + t).orElseThrow();
    }

    private ProposalTally.Status status(Proposal p, long t) {
        return at(t).proposals().get(p.id().hex()).status();
    }

    @Test
    void theFounderAloneAdmitsTheFirstMemberAndThenTwoVouchesAreNeeded() {
        admit(ben, 1, ana);
        assertTrue(at(1).members().containsKey(ben.hex()));
        admit(cai, 2, ana);
        assertFalse(at(2).members().containsKey(cai.hex()), "with two members, the founder's vouch is one of two");
        act(ben, 3, MemberAct.Act.VOUCH, cai);
        assertTrue(at(3).members().containsKey(cai.hex()));
    }

    @Test
    void aVouchWithoutAJoinAdmitsNobodyUntilTheyJoin() {
        act(ana, 1, MemberAct.Act.VOUCH, ben);
        assertFalse(at(1).members().containsKey(ben.hex()));
        act(ben, 2, MemberAct.Act.JOIN, null);
        Position since = at(2).members().get(ben.hex());
        assertEquals(T + 2, since.time(), "admitted by the join, which completed the conditions");
        assertEquals(Position.JOIN, since.rank());
    }

    @Test
    void aTakenBackVouchStopsAnAdmissionButDoesNotUndoOne() {
        admit(ben, 1, ana);
        admit(cai, 2, ana);
        act(ana, 3, MemberAct.Act.UNVOUCH, cai);
        act(ben, 4, MemberAct.Act.VOUCH, cai);
        assertFalse(at(4).members().containsKey(cai.hex()));
        act(ana, 5, MemberAct.Act.UNVOUCH, ben);
        assertTrue(at(5).members().containsKey(ben.hex()), "an admission stands; the unvouch is on the record");
        assertTrue(at(5).record().stream().anyMatch(e -> e.what() == Tally.Entry.What.UNVOUCHED && e.whom().equals(Optional.of(ben.hex()))));
    }

    @Test
    void thePersonARemovalNamesCannotBlockIt() {
        admit(ben, 1, ana);
        admit(cai, 2, ana, ben);
        Proposal p = propose(ana, 10, new Change.Remove(cai, "respect"));
        respond(cai, 11, p, Response.Answer.OBJECT, "respect");
        respond(ben, 12, p, Response.Answer.CONSENT, null);
        assertEquals(ProposalTally.Status.PASSED, status(p, 3610));
        assertFalse(at(3610).members().containsKey(cai.hex()));
        assertTrue(at(3609).members().containsKey(cai.hex()), "the removal takes place at the close");
    }

    @Test
    void peopleAdmittedWhileAProposalIsOpenDoNotRespondToIt() {
        admit(ben, 1, ana);
        Proposal p = propose(ana, 10, new Change.Agreement("quiet", "No noise after ten."));
        admit(cai, 20, ana, ben);
        respond(cai, 21, p, Response.Answer.OBJECT, "purpose");
        assertEquals(ProposalTally.Status.PASSED, status(p, 3610));
        assertTrue(at(3610).ignored().stream().anyMatch(i -> i.reason().equals("response by someone outside the electorate")));
    }

    @Test
    void aLateObjectionMadeBeforeTheCloseBlocksWhatLookedPassed() {
        admit(ben, 1, ana);
        Proposal p = propose(ana, 10, new Change.Agreement("quiet", "No noise after ten."));
        CommunityLedger ledger = new CommunityLedger(founding.id());
        events.forEach(ledger::add);
        assertEquals(ProposalTally.Status.PASSED, ledger.tallyAt(T + 3700).orElseThrow().proposals().get(p.id().hex()).status());
        Response late = respond(ben, 50, p, Response.Answer.OBJECT, "respect");
        ledger.add(late);
        Tally t = ledger.tallyAt(T + 3700).orElseThrow();
        assertEquals(ProposalTally.Status.BLOCKED, t.proposals().get(p.id().hex()).status());
        assertFalse(t.agreements().containsKey("quiet"));
    }

    @Test
    void oneProposalReadAloneEqualsItsPlaceInTheWholeTally() {
        admit(ben, 1, ana);
        Proposal p = propose(ana, 10, new Change.Agreement("quiet", "No noise after ten."));
        respond(ben, 11, p, Response.Answer.CONCERN, null);
        CommunityLedger ledger = new CommunityLedger(founding.id());
        events.forEach(ledger::add);
        for (long t : new long[] {T + 11, T + 3610, T + 50}) // the last one goes back in time
            assertEquals(ledger.tallyAt(t).orElseThrow().proposals().get(p.id().hex()), ledger.proposalAt(t, p.id()).orElseThrow());
    }

    @Test
    void aProposalOpenForLessThanTheCommunitysPeriodIsIgnored() {
        Proposal p = new Proposal(id(), ana, T + 10, founding.id(), 3599, new Change.Agreement("quiet", "x"), "why");
        events.add(p);
        assertEquals(ProposalTally.Status.IGNORED, status(p, 3700));
        assertFalse(at(3700).agreements().containsKey("quiet"));
    }

    @Test
    void aResponseInTheClosingSecondIsTooLate() {
        admit(ben, 1, ana);
        Proposal p = propose(ana, 10, new Change.Agreement("quiet", "No noise after ten."));
        respond(ben, 3610, p, Response.Answer.OBJECT, "respect");
        assertEquals(ProposalTally.Status.PASSED, status(p, 3610));
        assertTrue(at(3610).ignored().stream().anyMatch(i -> i.reason().equals("response after the close")));
    }

    @Test
    void anObjectionMustNameAnAgreementInForceAndCanBeWithdrawn() {
        admit(ben, 1, ana);
        Proposal p = propose(ana, 10, new Change.Agreement("quiet", "No noise after ten."));
        respond(ben, 11, p, Response.Answer.OBJECT, "no-such-agreement");
        assertEquals(ProposalTally.Status.PASSED, status(p, 3610));
        respond(ben, 12, p, Response.Answer.OBJECT, "respect");
        assertEquals(ProposalTally.Status.BLOCKED, status(p, 3610));
        respond(ben, 13, p, Response.Answer.WITHDRAW, null);
        assertEquals(ProposalTally.Status.PASSED, status(p, 3610));
    }

    @Test
    void tooFewResponsesLapse() {
        admit(ben, 1, ana);
        admit(cai, 2, ana, ben);
        admit(dee, 3, ana, ben);
        admit(eve, 4, cai, dee);
        Proposal p = propose(ana, 10, new Change.Link(id()));
        respond(ben, 11, p, Response.Answer.CONCERN, null);
        assertEquals(ProposalTally.Status.LAPSED, status(p, 3610), "2 of 5 is under half");
        respond(cai, 12, p, Response.Answer.CONSENT, null);
        assertEquals(ProposalTally.Status.PASSED, status(p, 3610));
        assertEquals(1, at(3610).links().size());
    }

    @Test
    void theRulesSayWhyAnEventWouldChangeNothingBeforeItIsSigned() {
        admit(ben, 1, ana);
        Proposal p = propose(ana, 10, new Change.Agreement("quiet", "No noise after ten."));
        MemberAct byStranger = new MemberAct(id(), dee, T + 20, founding.id(), MemberAct.Act.VOUCH, Optional.of(eve), "");
        assertEquals(Optional.of("vouch by a non-member"), CommunityRules.whyIgnored(events, byStranger));
        Response late = new Response(id(), ben, T + 3610, founding.id(), p.id(), Response.Answer.CONSENT, Optional.empty(), "");
        assertEquals(Optional.of("response after the close"), CommunityRules.whyIgnored(events, late));
        Response onTime = new Response(id(), ben, T + 3609, founding.id(), p.id(), Response.Answer.CONSENT, Optional.empty(), "");
        assertEquals(Optional.empty(), CommunityRules.whyIgnored(events, onTime));
        Proposal removeStranger = new Proposal(id(), ana, T + 20, founding.id(), 3600, new Change.Remove(eve, "respect"), "why");
        assertEquals(Optional.of("removal of someone who is not a member"), CommunityRules.whyIgnored(events, removeStranger));
        MemberAct elsewhere = new MemberAct(id(), ben, T + 20, id(), MemberAct.Act.JOIN, Optional.empty(), "");
        assertTrue(CommunityRules.whyIgnored(events, elsewhere).orElseThrow().startsWith("no community"));
    }

    @Test
    void aCommunityWhoseMembersAllLeftAdmitsNobody() {
        act(ana, 1, MemberAct.Act.LEAVE, null);
        act(ben, 2, MemberAct.Act.JOIN, null);
        assertTrue(at(2).members().isEmpty());
    }

    @Test
    void afterLeavingOldVouchesAreSpent() {
        admit(ben, 1, ana);
        act(ben, 2, MemberAct.Act.LEAVE, null);
        act(ben, 3, MemberAct.Act.JOIN, null);
        assertFalse(at(3).members().containsKey(ben.hex()));
        act(ana, 4, MemberAct.Act.VOUCH, ben);
        assertTrue(at(4).members().containsKey(ben.hex()));
    }
}
