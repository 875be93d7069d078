package mutual.app.aid;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.CommunityException;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual report COMMUNITY NPUB --breach KEY --why TEXT [--node URL] [--json]
 * </pre>
 * Reports, as a member, that another member broke one of the community's agreements
 * (docs/protocol.md, "Reports"): a signed record the members see with the community. It removes
 * nobody; that takes a proposal ({@code mutual propose COMMUNITY remove NPUB --breach KEY}).
 * Refused before signing, with the reason, when it would not stand.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Report that a member broke one of the community's agreements.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "COMMUNITY", description = CommunityLink.NAMED) String id;
    @Parameters(index = "1", paramLabel = "NPUB", description = "the member (npub1... or 64 hex characters)") String whom;
    @Option(names = "--breach", paramLabel = "KEY", required = true, description = "the agreement they broke") String breach;
    @Option(names = "--why", required = true, description = "what happened") String why;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: the report and the signed event") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeLink link = node.link();
        EventId community = CommunityLink.community(id, link);
        PubKey member = CommunityLink.person(whom);
        Keystore ks = Keystore.open();
        Map<String, Object> t = CommunityLink.tally(link, community);
        String name = "\"" + Tree.str(t, "name") + "\"";
        List<Object> members = Tree.list(t.get("members"));
        if (!isMember(members, ks.publicKey())) throw refused("you are not a member of " + name + ": a report needs a member");
        if (!isMember(members, member)) throw refused(Nip19.npub(member) + " is not a member of " + name);
        if (Tree.list(t.get("agreements")).stream().noneMatch(a -> breach.equals(Tree.str(Tree.map(a), "key"))))
            throw refused(name + " has no agreement '" + breach + "' in force; mutual community show lists them");
        Event e;
        try {
            e = CommunityEvents.report(ks.unlock(), CommunityLink.now(), community, member, breach, why);
        } catch (CommunityException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage().replaceFirst("^community event [0-9a-f]{8}: ", ""));
        }
        link.publish(e);
        CommunityActs.awaitCounted(link, community, e.id());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("community", community.hex());
                g.writeStringField("member", Nip19.npub(member));
                g.writeStringField("agreement", breach);
                g.writeFieldName("event");
                g.writeRawValue(e.toJson());
                g.writeEndObject();
            }));
        } else {
            out.println("reported " + Nip19.npub(member) + " for breaking '" + breach + "' in " + name + "; members see it with mutual community show");
            out.println("removing someone takes a proposal: mutual propose " + community.hex() + " remove " + Nip19.npub(member) + " --breach " + breach + " --why …");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean isMember(List<Object> members, PubKey who) {
        return members.stream().anyMatch(m -> who.hex().equals(Tree.str(Tree.map(m), "pubkey")));
    }

    private static CliException refused(String why) {
        return new CliException(ExitCodes.INVALID, "report not sent: " + why);
    }
}
