package mutual.app.aid;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.protocol.json.JsonOut;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual message list [--node URL] [--json]
 * </pre>
 * Your conversations, one line each: with whom, how many messages, how many are new since you
 * last read, and the latest words. Reading needs your passphrase (to prove to the node who you are
 * and to open the messages).
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List your conversations, newest first, with what is new.")
public final class MessageListCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record Conversation(PubKey with, int count, int fresh, Messages.Message last) {}

    @Override
    public Integer call() {
        Keystore ks = Keystore.open();
        PubKey me = ks.publicKey();
        List<Messages.Message> all = Messages.fetch(node.link(), ks.unlock(), Instant.now().getEpochSecond());
        long seenUpTo = ShortRefs.load().messagesAt();
        Map<PubKey, Conversation> byPerson = new LinkedHashMap<>();
        for (Messages.Message m : all) {
            byPerson.merge(m.other(me), new Conversation(m.other(me), 1, !m.from().equals(me) && m.at() > seenUpTo ? 1 : 0, m),
                    (a, b) -> new Conversation(a.with(), a.count() + 1, a.fresh() + b.fresh(), b.last()));
        }
        List<Conversation> list = byPerson.values().stream().sorted((a, b) -> Long.compare(b.last().at(), a.last().at())).toList();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartArray();
                for (Conversation c : list) {
                    g.writeStartObject();
                    g.writeStringField("with", Nip19.npub(c.with()));
                    g.writeNumberField("messages", c.count());
                    g.writeNumberField("new", c.fresh());
                    g.writeNumberField("last_at", c.last().at());
                    g.writeStringField("last", c.last().text());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }));
        } else if (list.isEmpty()) {
            out.println("no messages yet; write with: mutual message send WHO TEXT");
        } else {
            for (Conversation c : list) {
                out.printf("%s  %d message%s%s, last %s%n    %s%n", Nip19.npub(c.with()), c.count(), c.count() == 1 ? "" : "s",
                        c.fresh() > 0 ? " (" + c.fresh() + " new)" : "", MessageReadCommand.when(c.last().at()),
                        MessageReadCommand.preview(c.last().text()));
            }
            out.println("read one with: mutual message read --with NPUB");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
