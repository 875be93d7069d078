package mutual.engine.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.CommunityExamples;
import mutual.protocol.community.CommunityKinds;
import mutual.protocol.community.MemberAct;
import mutual.protocol.community.Response;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node refuses at arrival (docs/protocol.md, "What a node refuses at arrival"): only what can never count. */
class CommunityAdmissionTest {
    static final long T = CommunityExamples.T;

    static Outcome submit(CommunitiesTest.TestNode n, Event e) throws Exception {
        return n.node.submit(e, new Source.Local("test")).get();
    }

    @Test
    void refusesAVouchThatNamesNobodyAsInvalid(@TempDir Path dir) throws Exception {
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, T + 10)) {
            Event bad = EventBuilder.create(CommunityKinds.MEMBER, T + 5).tag("e", CommunityExamples.id().hex(), "", CommunityKinds.MARK_COMMUNITY)
                    .tag("L", CommunityKinds.NS_MEMBER).tag("l", "vouch", CommunityKinds.NS_MEMBER).sign(CommunityExamples.ALICE);
            Outcome o = submit(n, bad);
            assertFalse(o.accepted());
            assertTrue(o.message().startsWith("invalid: ") && o.message().contains("names exactly one person"), o.message());
        }
    }

    @Test
    void refusesAResponseAfterTheCloseOfAProposalItHolds(@TempDir Path dir) throws Exception {
        Event proposal = CommunityExamples.proposal();
        long close = proposal.createdAt() + CommunityExamples.PERIOD;
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, close + 60)) {
            for (Event e : CommunityExamples.all()) assertTrue(submit(n, e).accepted());
            Event late = CommunityEvents.respond(CommunityExamples.CAROL, close, CommunityExamples.id(), proposal.id(), Response.Answer.CONSENT,
                    Optional.empty(), "");
            Outcome o = submit(n, late);
            assertEquals("restricted: this proposal closed at " + close, o.message());
        }
    }

    @Test
    void acceptsWhatALateEventCouldStillMakeCount(@TempDir Path dir) throws Exception {
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, T + 100)) {
            // No founding held yet: it may come later, over the mesh.
            Event early = CommunityEvents.act(CommunityExamples.BOB, T + 10, CommunityExamples.id(), MemberAct.Act.JOIN, Optional.empty(), "");
            assertTrue(submit(n, early).accepted());
            assertTrue(submit(n, CommunityExamples.founding()).accepted());
            // A vouch by someone who is not a member yet: a late vouch for them could make them one before it.
            Event vouch = CommunityEvents.act(CommunityExamples.CAROL, T + 20, CommunityExamples.id(), MemberAct.Act.VOUCH,
                    Optional.of(CommunityExamples.BOB.publicKey()), "");
            assertTrue(submit(n, vouch).accepted());
        }
    }

    @Test
    void refusesAnEventMadeBeforeItsCommunityWasFounded(@TempDir Path dir) throws Exception {
        try (CommunitiesTest.TestNode n = new CommunitiesTest.TestNode(dir, T + 100)) {
            assertTrue(submit(n, CommunityExamples.founding()).accepted());
            Event before = CommunityEvents.act(CommunityExamples.BOB, T - 1, CommunityExamples.id(), MemberAct.Act.JOIN, Optional.empty(), "");
            Outcome o = submit(n, before);
            assertTrue(o.message().startsWith("restricted: made before the community was founded"), o.message());
        }
    }
}
