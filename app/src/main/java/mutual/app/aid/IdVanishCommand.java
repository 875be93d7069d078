package mutual.app.aid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual id vanish --from URL... [--reason TEXT] [--json]
 * mutual id vanish --everywhere [--from URL...] [--reason TEXT] [--json]
 * </pre>
 * Asks nodes to forget you (NIP-62, kind 62): everything you wrote up to now and every private
 * message addressed to you, and to refuse them from then on, from anyone, peers and bundles
 * included. A Mutual node also honours a request that names a node it replicates with.
 * docs/protocol.md, "Leaving a node".
 */
@Command(name = "vanish", mixinStandardHelpOptions = true,
        description = "Ask nodes to forget everything you wrote and every message to you (NIP-62). It cannot be undone.")
public final class IdVanishCommand implements Callable<Integer> {
    static final int VANISH = 62;
    static final String ALL_RELAYS = "ALL_RELAYS";
    /** A refusal the relay itself gave (a NIP-01 prefix), as opposed to no answer at all. */
    private static final java.util.regex.Pattern ANSWERED = java.util.regex.Pattern.compile("(invalid|blocked|rate-limited|restricted|auth-required|error|pow|deleted|duplicate): ");

    @Option(names = "--from", paramLabel = "URL", description = "a node that is to forget you (repeatable); the request is sent to each") List<String> from = List.of();
    @Option(names = "--everywhere", description = "ask every relay that ever sees the request (NIP-62's ALL_RELAYS); sent to the --from nodes and the relays of your lists")
    boolean everywhere;
    @Option(names = "--reason", description = "words for the nodes' operators") Optional<String> reason;
    @Option(names = "--json", description = "print JSON: the request and where it was taken") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (from.isEmpty() && !everywhere) throw new CliException(ExitCodes.USAGE, "vanish from where? name a node with --from URL (or ask every relay with --everywhere)");
        List<String> targets = new ArrayList<>();
        for (String f : from) targets.add(NodeLink.of(f, "--from").relayUrl());
        Keystore ks = Keystore.open();
        if (everywhere) {
            RelayLists.Lists mine = RelayLists.remembered(ks.publicKey());
            targets.addAll(mine.relays());
            targets.addAll(mine.dm());
            if (targets.isEmpty()) throw new CliException(ExitCodes.USAGE, "no relay known to send the request to; name one with --from URL");
        }
        SecretKey me = ks.unlock();
        EventBuilder b = EventBuilder.create(VANISH, Instant.now().getEpochSecond()).content(reason.orElse(""));
        if (everywhere) b.tag("relay", ALL_RELAYS);
        else for (String t : targets) b.tag("relay", t);
        Event request = b.sign(me);
        List<Messages.Delivery> sent = Messages.deliverEach(targets, request);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeFieldName("event");
                g.writeRawValue(request.toJson());
                Out.deliveries(g, "sent", sent);
                g.writeEndObject();
            }));
        } else {
            for (Messages.Delivery d : sent)
                out.println(d.relay() + ": " + (d.ok() ? "forgets you (and the nodes it replicates with)" : "did not take the request: " + d.detail()));
            if (sent.stream().anyMatch(d -> !d.ok())) out.println("run the same command again when those nodes answer");
            RelayLists.Lists mine = RelayLists.remembered(me.publicKey());
            List<String> still = from.stream().filter(f -> RelayLists.contains(mine.relays(), f) || RelayLists.contains(mine.dm(), f)).toList();
            if (!still.isEmpty()) out.println("your relay lists still name " + String.join(" ", still) + "; people will keep writing there until you change them: mutual id relays set URL...");
        }
        out.flush();
        if (sent.stream().allMatch(Messages.Delivery::ok)) return ExitCodes.OK;
        return sent.stream().anyMatch(d -> !d.ok() && !ANSWERED.matcher(d.detail()).lookingAt()) ? ExitCodes.IO : ExitCodes.INVALID;
    }
}
