package mutual.protocol.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.Test;

/** The "Communities" examples of docs/protocol.md are real signed events that read and tally as the text says. */
class CommunityDocExamplesTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

    static java.nio.file.Path doc() {
        for (java.nio.file.Path p = java.nio.file.Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            java.nio.file.Path d = p.resolve("docs/protocol.md");
            if (Files.exists(d)) return d;
        }
        throw new IllegalStateException("docs/protocol.md not found");
    }

    static List<Event> examples() throws IOException {
        String doc = Files.readString(doc());
        String section = doc.substring(doc.indexOf("\n## Communities"));
        Matcher m = JSON_BLOCK.matcher(section);
        List<Event> out = new ArrayList<>();
        Json json = Json.create(Limits.defaults());
        while (m.find()) out.add(EventReader.read(json, m.group(1)));
        return out;
    }

    /** The examples that are part of the history (kinds 1403 to 1406), without the report. */
    static List<Event> history() throws IOException {
        return examples().stream().filter(e -> CommunityParser.isCommunityKind(e.kind())).toList();
    }

    @Test
    void everyExampleIsSignedAndReadsAsACommunityEvent() throws IOException {
        List<Event> events = examples();
        assertTrue(events.size() >= 10, events.size() + " examples");
        for (Event e : events) {
            assertEquals(java.util.Optional.empty(), EventCheck.problem(e), "example " + e.id().hex());
            if (CommunityParser.isCommunityReport(e)) CommunityParser.report(e);
            else if (Guides.isGuide(e)) assertEquals(CommunityExamples.id(), Guides.parse(e).community());
            else CommunityParser.parse(e);
        }
    }

    @Test
    void theDocumentShowsWhatTheBuildersWriteToday() throws IOException {
        List<Event> all = new ArrayList<>(CommunityExamples.all());
        all.add(CommunityExamples.report());
        all.add(CommunityExamples.guide());
        all.addAll(CommunityExamples.successor());
        assertEquals(all.stream().map(e -> e.id().hex()).toList(),
                examples().stream().map(e -> e.id().hex()).toList(),
                "regenerate the examples with CommunityExamples.main and paste them into docs/protocol.md");
    }

    @Test
    void bobsNewKeyIsVouchedInAsTheOneWhoHeldTheStolenOne() throws IOException {
        List<Event> history = history();
        List<Succession.Claim> claims = Succession.about(CommunityExamples.BOB.publicKey(), history);
        assertEquals(3, claims.size());
        assertTrue(claims.stream().allMatch(c -> c.newKey().equals(CommunityExamples.BOB_AGAIN.publicKey())));
        assertEquals(List.of(true, false, false), claims.stream().map(Succession.Claim::join).toList());
        List<CommunityEvent> events = history.stream().map(CommunityParser::parse).toList();
        Tally now = CommunityLedger.compute(CommunityExamples.id(), events, CommunityExamples.T + 7 * 86400).orElseThrow();
        assertTrue(now.members().containsKey(CommunityExamples.BOB_AGAIN.publicKey().hex()), "admitted by the community's own threshold");
    }

    @Test
    void theExampleProposalIsOpenUntilItsCloseAndThenPasses() throws IOException {
        List<CommunityEvent> events = history().stream().map(CommunityParser::parse).toList();
        Proposal p = (Proposal) events.get(6);
        Tally before = CommunityLedger.compute(CommunityExamples.id(), events, p.closesAt() - 1).orElseThrow();
        assertEquals(3, before.members().size());
        assertEquals(ProposalTally.Status.OPEN, before.proposals().get(p.id().hex()).status());
        assertTrue(before.proposals().get(p.id().hex()).objectors().isEmpty(), "Bob withdrew");
        Tally after = CommunityLedger.compute(CommunityExamples.id(), events, p.closesAt()).orElseThrow();
        assertEquals(ProposalTally.Status.PASSED, after.proposals().get(p.id().hex()).status());
        assertEquals("Pick-ups are on Saturdays from 10:00 to 13:00.", after.agreements().get("pickup-times"));
        assertEquals(3, after.agreements().size());
    }

    @Test
    void anyMemberCanMirrorTheTallyForNip72ClientsWithoutModerators() throws IOException {
        List<CommunityEvent> events = history().stream().map(CommunityParser::parse).toList();
        Tally t = CommunityLedger.compute(CommunityExamples.id(), events, CommunityExamples.T + 10 * 86400).orElseThrow();
        Event m = CommunityEvents.mirror(t, CommunityExamples.BOB, CommunityExamples.T + 10 * 86400);
        assertEquals(java.util.Optional.empty(), EventCheck.problem(m));
        assertEquals(mutual.protocol.event.KindClass.ADDRESSABLE, m.kindClass());
        assertEquals(CommunityExamples.id().hex(), m.dTag());
        assertTrue(m.tagsNamed("p").isEmpty(), "no moderators");
        assertTrue(m.content().contains("**pickup-times**"), m.content());
        CommunityException x = org.junit.jupiter.api.Assertions.assertThrows(CommunityException.class, () -> CommunityParser.parse(m));
        assertTrue(x.getMessage().contains("is not a community event"), "Mutual never reads the mirror");
    }

    @Test
    void carolIsAdmittedByTheSecondVouchNotTheFirst() throws IOException {
        List<CommunityEvent> events = history().stream().map(CommunityParser::parse).toList();
        String carol = CommunityExamples.CAROL.publicKey().hex();
        assertTrue(!CommunityLedger.compute(CommunityExamples.id(), events, events.get(4).createdAt()).orElseThrow().members().containsKey(carol));
        assertTrue(CommunityLedger.compute(CommunityExamples.id(), events, events.get(5).createdAt()).orElseThrow().members().containsKey(carol));
    }
}
