package mutual.app.aid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual id migrate --to NPUB [--reason TEXT] [--node URL] [--json]
 * </pre>
 * Signs, with the key you hold now, a notice naming the key you go on with: NIP-41's kind 1776
 * (draft; {@code p} = the new key), published to the node and the relays of your lists. It is
 * evidence, not proof: docs/protocol.md, "A lost or stolen key", says what it does not protect
 * against, and why it is worth making before anything goes wrong.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Sign a notice, with your key, naming the key you go on with (NIP-41 kind 1776); best made before the key is lost.")
public final class IdMigrateCommand implements Callable<Integer> {
    static final int NOTICE = 1776;

    @Option(names = "--to", required = true, paramLabel = "NPUB", description = "your new key's npub (make one with: mutual key generate)") String to;
    @Option(names = "--reason", description = "words for the people who know you") Optional<String> reason;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: the notice and where it was taken") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PubKey next = Nip19.parsePubKey(to.strip()).or(() -> PubKey.fromHex(to.strip()))
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "--to wants the new key's npub1…, got '" + to + "'"));
        NodeLink link = node.link();
        Keystore ks = Keystore.open();
        if (next.equals(ks.publicKey())) throw new CliException(ExitCodes.USAGE, "--to names the key you already use; give the new one");
        RelayLists.Lists lists = RelayLists.lookUp(link.relayUrl(), ks.publicKey());
        SecretKey me = ks.unlock();
        Event notice = EventBuilder.create(NOTICE, Instant.now().getEpochSecond()).tag("p", next.hex())
                .tag("alt", "pubkey whitelisting event").content(reason.orElse("")).sign(me);
        List<String> targets = new ArrayList<>(List.of(link.relayUrl()));
        targets.addAll(lists.relays());
        targets.addAll(lists.dm());
        List<Messages.Delivery> sent = Messages.deliverEach(targets, notice);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("to", Nip19.npub(next));
                g.writeFieldName("event");
                g.writeRawValue(notice.toJson());
                Out.deliveries(g, "sent", sent);
                g.writeEndObject();
            }));
        } else {
            out.println("signed: " + Nip19.npub(me.publicKey()) + " names " + Nip19.npub(next) + " as its next key (NIP-41 kind 1776)");
            for (Messages.Delivery d : sent) out.println("  " + d.relay() + ": " + (d.ok() ? "stored" : "not stored: " + d.detail()));
            out.println("people who look you up (mutual id relays --of) see it. It shows only that this key named that one:"
                    + " whoever holds this key could name another. Keep the new key's nsec offline; see docs/protocol.md, \"A lost or stolen key\".");
        }
        out.flush();
        return sent.stream().anyMatch(Messages.Delivery::ok) ? ExitCodes.OK : ExitCodes.IO;
    }
}
