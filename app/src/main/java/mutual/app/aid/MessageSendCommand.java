package mutual.app.aid;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.protocol.json.JsonOut;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual message send WHO TEXT [--subject S] [--node URL] [--json]
 * </pre>
 * Sends a NIP-17 message: gift-wrapped for WHO (to the node, and to WHO's kind-10050 relays, else
 * kind-10002 ones, when the node or this device knows them) and for you (so your other devices see
 * what you said). When the node does not answer, WHO's copy goes to the relays their lists name.
 */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send a private message to an npub or to the other side of a match.")
public final class MessageSendCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHO", description = "npub1…, or a match (M1 from mutual mine, or its ref)") String who;
    @Parameters(index = "1", paramLabel = "TEXT", description = "the message") String text;
    @Option(names = "--subject", description = "a title for the conversation") Optional<String> subject;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: to whom and where each copy went") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeLink link = node.link();
        Keystore ks = Keystore.open();
        PubKey to = Correspondent.resolve(link, who, ks.publicKey());
        if (text.isBlank()) throw new mutual.app.cli.CliException(ExitCodes.USAGE, "the message is empty; say something");
        SecretKey me = ks.unlock();
        List<Messages.Delivery> sent = Messages.send(link, me, to, text, subject, Instant.now().getEpochSecond());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("to", Nip19.npub(to));
                Out.deliveries(g, "deliveries", sent);
                g.writeEndObject();
            }));
        } else {
            out.println("sent to " + Nip19.npub(to) + " (encrypted; only the two of you can read it)");
            Messages.Delivery first = sent.get(0);
            if (!first.ok()) out.println("  " + first.relay() + " does not answer (" + first.detail() + "); sent to the relays their relay list names instead");
            for (Messages.Delivery d : sent.subList(1, sent.size()))
                out.println("  " + (first.ok() ? "also " : "") + "to their inbox relay " + d.relay() + ": " + (d.ok() ? "stored" : "not stored: " + d.detail()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
