package mutual.app.aid;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.community.Change;
import mutual.protocol.community.CommunityEvent;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.Founding;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual propose COMMUNITY agreement KEY TEXT --why TEXT [--period 7d] [--node URL] [--json]
 * mutual propose COMMUNITY link OTHER --why TEXT [--period 7d] [--node URL] [--json]
 * mutual propose COMMUNITY remove NPUB --breach KEY --why TEXT [--period 7d] [--node URL] [--json]
 * </pre>
 * Proposes, as a member, a change to a community (docs/protocol.md, "Proposals"): set or drop an
 * agreement (an empty TEXT drops it), link with another community, or remove a member who broke an
 * agreement. It passes at its close if enough members responded and nobody objects; a link holds
 * once the other community passes a link back. A community is named by C1 (from mutual community
 * list), its name when unique, or its id. Refused before signing, with the reason, when it would be ignored.
 */
@Command(name = "propose", mixinStandardHelpOptions = true, description = "Propose a change to a community: an agreement, a link, a removal.")
public final class ProposeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "COMMUNITY", description = CommunityLink.NAMED) String id;
    @Parameters(index = "1", paramLabel = "TYPE", description = "agreement, link or remove") String type;
    @Parameters(index = "2..*", paramLabel = "ARG", description = "agreement: KEY TEXT; link: the other community (C2, its name or id); remove: NPUB") List<String> args = List.of();
    @Option(names = "--why", required = true, description = "why you propose it") String why;
    @Option(names = "--breach", paramLabel = "KEY", description = "remove: the agreement they broke") Optional<String> breach;
    @Option(names = "--period", description = "how long it stays open (default the community's shortest period): 3600, 12h, 7d") Optional<String> period;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: the proposal's id, its close and the signed event") boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeLink link = node.link();
        EventId community = CommunityLink.community(id, link);
        Change change = change(link);
        List<CommunityEvent> history = CommunityLink.history(link, community);
        Founding f = (Founding) history.stream().filter(e -> e.id().equals(community)).findFirst().orElseThrow();
        long open = period.map(CommunityCreateCommand::seconds).orElse(f.settings().minPeriod());
        long now = CommunityLink.now();
        Event e;
        try {
            e = CommunityEvents.propose(Keystore.open().unlock(), now, community, open, change, why);
        } catch (CommunityException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage().replaceFirst("^community event [0-9a-f]{8}: ", ""));
        }
        String name = CommunityLink.name(history, community);
        CommunityLink.publishIfItCounts(link, history, e, "proposal", name);
        CommunityActs.awaitCounted(link, community, e.id());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("id", e.id().hex());
                g.writeStringField("community", community.hex());
                g.writeNumberField("closes_at", now + open);
                g.writeFieldName("event");
                g.writeRawValue(e.toJson());
                g.writeEndObject();
            }));
        } else {
            out.println("proposed to " + name + ": " + e.id().hex());
            out.println("it closes at " + Instant.ofEpochSecond(now + open) + "; members respond with: mutual respond " + e.id().hex() + " consent|concern|object");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Change change(NodeLink link) {
        return switch (type) {
            case "agreement" -> {
                if (args.size() != 2) throw usage("agreement needs KEY and TEXT (an empty TEXT \"\" drops the agreement)");
                yield new Change.Agreement(args.get(0), args.get(1).strip());
            }
            case "link" -> {
                if (args.size() != 1) throw usage("link needs the other community: C2, its name or its id");
                yield new Change.Link(CommunityLink.community(args.get(0), link));
            }
            case "remove" -> {
                if (args.size() != 1) throw usage("remove needs the member's npub");
                yield new Change.Remove(CommunityLink.person(args.get(0)),
                        breach.orElseThrow(() -> usage("remove needs --breach KEY: the agreement they broke")));
            }
            default -> throw usage("propose what? agreement, link or remove, got '" + type + "'");
        };
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

}
