package mutual.app.aid;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual id relays [--of WHO] [--node URL] [--json]
 * mutual id relays set URL... [--dm URL...] [--node URL] [--json]
 * </pre>
 * Where a person lives: their NIP-65 relay list (kind 10002) and NIP-17 message relay list
 * (kind 10050), as the node holds them and this device last saw them. {@code set} signs new ones
 * and publishes them to every relay they name, to the relays of the old lists and to the node.
 */
@Command(name = "relays", mixinStandardHelpOptions = true, description = "Show your relay lists (NIP-65, NIP-17), or someone's with --of.",
        subcommands = IdRelaysCommand.Set.class)
public final class IdRelaysCommand implements Callable<Integer> {
    @Option(names = "--of", paramLabel = "WHO", description = "whose lists: an npub (default: yours)") Optional<String> of;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeLink link = node.link();
        PubKey who = of.isPresent() ? Correspondent.resolve(link, of.get(), Keystore.open().publicKey()) : Keystore.open().publicKey();
        Optional<RelayLists.Lists> asked = RelayLists.ask(link.relayUrl(), who);
        RelayLists.Lists lists = asked.orElseGet(() -> RelayLists.remembered(who));
        if (asked.isEmpty() && !json) spec.commandLine().getOut().println("(no node answers at " + link.relayUrl() + ": as this device last saw them)");
        print(spec.commandLine().getOut(), who, lists, List.of(), RelayLists.namedSuccessors(link.relayUrl(), who),
                of.isPresent() ? Successors.of(link, who) : List.of(), json);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, PubKey who, RelayLists.Lists lists, List<Messages.Delivery> sent, List<PubKey> successors,
                      List<Successors.Vouched> vouched, boolean json) {
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("npub", Nip19.npub(who));
                Out.strings(g, "relays", lists.relays());
                Out.strings(g, "dm", lists.dm());
                g.writeArrayFieldStart("names_next_key");
                for (PubKey k : successors) g.writeString(Nip19.npub(k));
                g.writeEndArray();
                g.writeArrayFieldStart("vouched_next_key");
                for (Successors.Vouched v : vouched) {
                    g.writeStartObject();
                    g.writeStringField("community", v.community().hex());
                    g.writeStringField("name", v.name());
                    g.writeStringField("npub", Nip19.npub(v.newKey()));
                    Out.strings(g, "vouched_by_members", v.members().stream().map(Nip19::npub).toList());
                    g.writeNumberField("vouched_by_others", v.others());
                    g.writeBooleanField("joined_saying_so", v.joinedSaying());
                    g.writeBooleanField("member_now", v.memberNow());
                    g.writeEndObject();
                }
                g.writeEndArray();
                Out.deliveries(g, "published", sent);
                g.writeEndObject();
            }));
        } else {
            out.println("relays " + (lists.relays().isEmpty() ? "(no relay list known)" : String.join(" ", lists.relays())));
            out.println("dm     " + (lists.dm().isEmpty() ? "(no message relay list known)" : String.join(" ", lists.dm())));
            for (PubKey k : successors) out.println("next   this key named " + Nip19.npub(k) + " as its next key (NIP-41 kind 1776): whoever holds the key could have; ask them another way before you trust it");
            for (Successors.Vouched v : vouched) {
                out.println("vouched in \"" + v.name() + "\": " + Nip19.npub(v.newKey()) + " is the person who held this key, say "
                        + v.members().size() + " who were members when they said it" + (v.others() > 0 ? " (and " + v.others() + " who were not)" : "")
                        + (v.members().isEmpty() ? "" : ": " + String.join(", ", v.members().stream().map(Nip19::npub).toList()))
                        + (v.joinedSaying() ? "; it joined saying so" : "") + (v.memberNow() ? " and is a member now" : ""));
            }
            for (Messages.Delivery d : sent) out.println("  " + d.relay() + ": " + (d.ok() ? "stored" : "not stored: " + d.detail()));
        }
        out.flush();
    }

    /** {@code mutual id relays set}: sign and publish new lists. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Publish your relay lists: where you write and read (NIP-65), and where you take messages (NIP-17; default the same).")
    public static final class Set implements Callable<Integer> {
        @picocli.CommandLine.Parameters(paramLabel = "URL", arity = "1..*", description = "your relays, ws:// or wss://") List<String> relays;
        @Option(names = "--dm", paramLabel = "URL", arity = "1..*", description = "your message relays (default: the same as your relays)") List<String> dm = List.of();
        @picocli.CommandLine.Mixin
        NodeOption node;
        @Option(names = "--json", description = "print JSON: the lists and where each was stored") boolean json;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            NodeLink link = node.link();
            relays.forEach(r -> NodeLink.of(r, "a relay"));
            dm.forEach(r -> NodeLink.of(r, "--dm"));
            Keystore ks = Keystore.open();
            RelayLists.Lists old = RelayLists.lookUp(link.relayUrl(), ks.publicKey());
            var me = ks.unlock();
            long at = old.next(java.time.Instant.now().getEpochSecond());
            RelayLists.Lists next = new RelayLists.Lists(Optional.of(RelayLists.outbox(me, relays, at)),
                    Optional.of(RelayLists.inbox(me, dm.isEmpty() ? relays : dm, at)));
            List<String> targets = new java.util.ArrayList<>(relays);
            targets.addAll(dm);
            targets.addAll(old.relays());
            targets.addAll(old.dm());
            targets.add(link.relayUrl());
            List<Messages.Delivery> sent = RelayLists.publish(me.publicKey(), next, targets);
            print(spec.commandLine().getOut(), me.publicKey(), next, sent, List.of(), List.of(), json);
            return sent.stream().anyMatch(Messages.Delivery::ok) ? ExitCodes.OK : ExitCodes.IO;
        }
    }
}
