package mutual.app.aid;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.community.CommunityEvent;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.Proposal;
import mutual.protocol.community.Response;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual respond PROPOSAL consent|concern|object|withdraw [--reason TEXT] [--basis KEY|purpose] [--node URL] [--json]
 * </pre>
 * Responds, as a member of its electorate, to an open proposal (docs/protocol.md, "Responses"): a
 * concern needs --reason; an objection needs --reason and --basis, the agreement or the purpose
 * the proposal would break. Refused before signing, with the reason, when it would not count
 * (the proposal closed, you were not a member when it was made).
 */
@Command(name = "respond", mixinStandardHelpOptions = true, description = "Respond to a proposal: consent, concern, object or withdraw.")
public final class RespondCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROPOSAL", description = "the proposal: P1 (from mutual community show) or its id (64 hex characters)") String ref;
    @Parameters(index = "1", paramLabel = "RESPONSE", description = "consent, concern, object or withdraw") String answer;
    @Option(names = "--reason", description = "your words: needed for a concern or an objection") Optional<String> reason;
    @Option(names = "--basis", paramLabel = "KEY|purpose", description = "object: the agreement, or the purpose, it would break") Optional<String> basis;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: the proposal as it stands and the signed event") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Response.Answer a = Response.Answer.fromLabel(answer.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "respond how? consent, concern, object or withdraw, got '" + answer + "'"));
        EventId proposalId = CommunityLink.id(ShortRefs.proposal(ref), "a proposal");
        NodeLink link = node.link();
        Proposal p = proposal(link, proposalId);
        List<CommunityEvent> history = CommunityLink.history(link, p.community());
        Event e;
        try {
            e = CommunityEvents.respond(Keystore.open().unlock(), CommunityLink.now(), p.community(), p.id(), a, basis, reason.orElse(""));
        } catch (CommunityException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage().replaceFirst("^community event [0-9a-f]{8}: ", ""));
        }
        String name = CommunityLink.name(history, p.community());
        CommunityLink.publishIfItCounts(link, history, e, a.label(), name);
        Map<String, Object> t = a == Response.Answer.WITHDRAW ? CommunityLink.tally(link, p.community()) : CommunityActs.awaitCounted(link, p.community(), e.id());
        Map<String, Object> now = Tree.list(t.get("proposals")).stream().map(Tree::map).filter(m -> p.id().hex().equals(Tree.str(m, "id")))
                .findFirst().orElse(Map.of());
        Map<String, Object> n = Tree.map(now.get("responses"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("proposal", p.id().hex());
                g.writeStringField("response", a.label());
                g.writeStringField("status", Tree.str(now, "status"));
                g.writeNumberField("closes_at", p.closesAt());
                g.writeFieldName("event");
                g.writeRawValue(e.toJson());
                g.writeEndObject();
            }));
        } else {
            out.println(a.label() + " recorded; the proposal is " + Tree.str(now, "status") + " until " + Instant.ofEpochSecond(p.closesAt())
                    + ": consent " + Tree.str(n, "consent") + ", concern " + Tree.str(n, "concern") + ", object " + Tree.str(n, "object")
                    + " of " + Tree.str(now, "electorate"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Proposal proposal(NodeLink link, EventId id) {
        List<Event> found = link.query("the proposal", Filter.builder().ids(id).build());
        for (Event e : found) {
            try {
                if (CommunityParser.parse(e) instanceof Proposal p) return p;
            } catch (CommunityException x) {
                // said below
            }
        }
        throw new CliException(ExitCodes.INVALID, "no proposal " + id.hex() + " is known at " + link.relayUrl());
    }
}
