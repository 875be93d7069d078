package mutual.app.aid;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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

/**
 * <pre>
 * mutual message read [--with WHO] [--node URL] [--json]
 * </pre>
 * Your messages, oldest first: all of them, or the conversation with one person (an npub, or a
 * match: the other side of it). What is shown counts as read for {@code mutual message list}.
 */
@Command(name = "read", mixinStandardHelpOptions = true, description = "Read your messages, or one conversation with --with.")
public final class MessageReadCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Option(names = "--with", paramLabel = "WHO", description = "only the conversation with this npub or match (M1)") Optional<String> with;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeLink link = node.link();
        Keystore ks = Keystore.open();
        PubKey me = ks.publicKey();
        Optional<PubKey> other = with.map(w -> Correspondent.resolve(link, w, me));
        SecretKey key = ks.unlock();
        List<Messages.Message> shown = Messages.fetch(link, key, Instant.now().getEpochSecond()).stream()
                .filter(m -> other.map(o -> m.other(me).equals(o)).orElse(true)).toList();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartArray();
                for (Messages.Message m : shown) {
                    g.writeStartObject();
                    g.writeStringField("id", m.id().hex());
                    g.writeStringField("from", Nip19.npub(m.from()));
                    g.writeArrayFieldStart("to");
                    for (PubKey p : m.to()) g.writeString(Nip19.npub(p));
                    g.writeEndArray();
                    g.writeNumberField("created_at", m.at());
                    if (m.subject().isPresent()) g.writeStringField("subject", m.subject().get());
                    g.writeStringField("text", m.text());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }));
        } else if (shown.isEmpty()) {
            out.println(other.isPresent() ? "no messages with " + Nip19.npub(other.get()) + " yet" : "no messages yet");
        } else {
            for (Messages.Message m : shown) {
                String from = m.from().equals(me) ? "you" : Nip19.npub(m.from());
                String to = m.to().stream().map(p -> p.equals(me) ? "you" : Nip19.npub(p)).reduce((a, b) -> a + ", " + b).orElse("");
                out.println(when(m.at()) + "  " + from + " → " + to + m.subject().map(s -> "  [" + s + "]").orElse(""));
                for (String line : m.text().split("\n", -1)) out.println("    " + line);
            }
        }
        out.flush();
        shown.stream().mapToLong(Messages.Message::at).max().ifPresent(t -> ShortRefs.save(ShortRefs.load().withMessagesAt(t)));
        return ExitCodes.OK;
    }

    static String when(long epochSecond) {
        return WHEN.format(Instant.ofEpochSecond(epochSecond));
    }

    static String preview(String text) {
        String one = text.replace('\n', ' ').strip();
        return one.length() <= 70 ? one : one.substring(0, 69) + "…";
    }
}
