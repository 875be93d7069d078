package mutual.app.aid;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.engine.aid.MatchRules;
import mutual.engine.aid.MatchState;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
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
 * Signs one step of a match with your key and publishes it (docs/protocol.md, "Matches"), then
 * says where the match stands. A step that would not move the match (not your turn, already done,
 * expired) is refused before anything is signed, with the reason and exit code 1. MATCH is a short
 * name from {@code mutual mine} (M1) or the match's ref. Thanks and feedback also reach the other
 * side as a private message.
 */
@Command(name = "match", mixinStandardHelpOptions = true, description = "Accept, decline, finish or thank for a match.")
public final class MatchCommand implements Callable<Integer> {
    /** How long to wait for the node to count the step before saying it did not. */
    private static final long WAIT_MILLIS = 10_000;

    @Parameters(index = "0", paramLabel = "STEP", description = "accept, decline, done, thanks or feedback") String step;
    @Parameters(index = "1", paramLabel = "MATCH", description = "M1 (from mutual mine) or the match's ref (64 hex characters)") String ref;
    @Option(names = "--message", description = "words for the other side (thanks; feedback needs them)") Optional<String> message;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print the signed event") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MatchAction a = MatchAction.fromLabel(step.toLowerCase(Locale.ROOT)).filter(MatchAction::bySide)
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "step must be accept, decline, done, thanks or feedback, got '" + step + "'"));
        if (a == MatchAction.FEEDBACK && message.map(String::isBlank).orElse(true))
            throw new CliException(ExitCodes.USAGE, "feedback needs words: --message \"what went well or not\"");
        String full = ShortRefs.match(ref);
        NodeLink link = node.link();
        Keystore ks = Keystore.open();
        PubKey me = ks.publicKey();
        Map<String, Object> m = view(link, full);
        MatchPair pair = new MatchPair(address(Tree.str(m, "need")), address(Tree.str(m, "offer")));
        Optional<ListingType> side = pair.sideOf(me);
        Optional<String> refusal = MatchRules.refusal(state(m), accepted(m), side, a);
        if (refusal.isPresent()) throw new CliException(ExitCodes.INVALID, a.label() + " not sent: " + refusal.get());

        String words = message.orElse(a == MatchAction.THANKS ? "Thank you!" : "");
        MatchEvent.Builder b = MatchEvent.builder(a, pair).relay(link.relayUrl()).content(words);
        EventId.fromHex(Tree.str(m, "suggestion")).ifPresent(b::replyTo);
        SecretKey key = ks.unlock();
        Event e;
        try {
            e = b.sign(key, Instant.now().getEpochSecond());
        } catch (AidException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage());
        }
        link.publish(e);
        Map<String, Object> after = awaitCounted(link, full, e.id());
        if (!words.isBlank() && (a == MatchAction.THANKS || a == MatchAction.FEEDBACK))
            Messages.send(link, key, Correspondent.otherSide(m, me), a.label() + ": " + words, Optional.of("Match " + full.substring(0, 8)),
                    Instant.now().getEpochSecond());
        var out = spec.commandLine().getOut();
        if (json) out.println(e.toJson());
        else out.println(a.label() + " recorded; the match is now " + describe(after, side.get()));
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> view(NodeLink link, String ref) {
        return Tree.map(Tree.parse(link.get("/api/matches/" + ref, Map.of())));
    }

    /** Waits until the node's view of the match holds the step; a step stored but not counted is an error in words. */
    private static Map<String, Object> awaitCounted(NodeLink link, String ref, EventId id) {
        long until = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            Map<String, Object> v = view(link, ref);
            if (Tree.list(v.get("steps")).stream().anyMatch(s -> id.hex().equals(Tree.str(Tree.map(s), "id")))) return v;
            if (System.currentTimeMillis() > until)
                throw new CliException(ExitCodes.INVALID, "the node stored the step but did not count it; the match is still " + Tree.str(v, "state"));
            try {
                Thread.sleep(100);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.IO, "interrupted");
            }
        }
    }

    static String describe(Map<String, Object> v, ListingType me) {
        MatchState s = state(v);
        ListingType other = me == ListingType.NEED ? ListingType.OFFER : ListingType.NEED;
        return switch (s) {
            case SUGGESTED -> "suggested: " + (accepted(v).contains(me) ? "you accepted; waiting for the " + other.label() + " side"
                    : "waiting for you to accept");
            case ACCEPTED -> "accepted by both: meet (talk it over with mutual message send), then: mutual match done";
            case DONE -> "done. Say thanks or give feedback with: mutual match thanks|feedback";
            case DECLINED, EXPIRED -> s.label();
        };
    }

    static MatchState state(Map<String, Object> v) {
        return MatchState.valueOf(Tree.str(v, "state").toUpperCase(Locale.ROOT));
    }

    static Set<ListingType> accepted(Map<String, Object> v) {
        return Tree.list(v.get("accepted_by")).stream().flatMap(o -> ListingType.fromLabel(o.toString()).stream()).collect(Collectors.toSet());
    }

    private static Address address(String s) {
        return Address.parse(s).orElseThrow(() -> new CliException(ExitCodes.INTERNAL, "the node returned a malformed address '" + s + "'"));
    }
}
