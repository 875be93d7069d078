package mutual.app.aid;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual match accept|decline|done|thanks|feedback MATCH [--message TEXT] [--node URL] [--json]
 * </pre>
 * Signs one step of a match with your key and publishes it (docs/protocol.md, "Matches"). MATCH
 * is the match's ref, as the node's message and {@code mutual matches} show it.
 */
@Command(name = "match", mixinStandardHelpOptions = true, description = "Accept, decline, finish or thank for a match.")
public final class MatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STEP", description = "accept, decline, done, thanks or feedback") String step;
    @Parameters(index = "1", paramLabel = "MATCH", description = "the match's ref (64 hex characters)") String ref;
    @Option(names = "--message", description = "words for the other side (thanks, feedback)") Optional<String> message;
    @Option(names = "--node", description = "the node's relay URL") Optional<String> node;
    @Option(names = "--json", description = "print the signed event") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MatchAction a = MatchAction.fromLabel(step.toLowerCase(Locale.ROOT)).filter(MatchAction::bySide)
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "step must be accept, decline, done, thanks or feedback, got '" + step + "'"));
        if (!ref.matches("[0-9a-f]{64}")) throw new CliException(ExitCodes.USAGE, "a match ref is 64 lowercase hex characters");
        NodeLink link = NodeLink.of(node.orElseGet(CliEnv::relay));
        Map<String, Object> m = Tree.map(Tree.parse(link.get("/api/matches/" + ref, Map.of())));
        MatchPair pair = new MatchPair(address(Tree.str(m, "need")), address(Tree.str(m, "offer")));
        MatchEvent.Builder b = MatchEvent.builder(a, pair).relay(link.relayUrl()).content(message.orElse(""));
        EventId.fromHex(Tree.str(m, "suggestion")).ifPresent(b::replyTo);
        Event e;
        try {
            e = b.sign(Keystore.open().unlock(), Instant.now().getEpochSecond());
        } catch (AidException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage());
        }
        link.publish(e);
        var out = spec.commandLine().getOut();
        out.println(json ? e.toJson() : a.label() + " sent for match " + ref);
        out.flush();
        return ExitCodes.OK;
    }

    private static Address address(String s) {
        return Address.parse(s).orElseThrow(() -> new CliException(ExitCodes.INTERNAL, "the node returned a malformed address '" + s + "'"));
    }
}
