package mutual.app.aid;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.community.CommunityEvent;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.MemberAct;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Nip19;

/** A membership act (join, vouch, unvouch, leave), checked, signed, published, and then said in words; one code path for the four commands. */
final class CommunityActs {
    private static final long WAIT_MILLIS = 10_000;

    private CommunityActs() {}

    /** @param before for a join or vouch, the key the person held before ({@code successor-of}) */
    static int run(PrintWriter out, CommunityActOptions o, MemberAct.Act act, Optional<String> whom, Optional<String> before) {
        String content = o.message.orElse("");
        boolean json = o.json;
        Optional<PubKey> subject = whom.map(CommunityLink::person);
        NodeLink link = o.node.link();
        EventId community = CommunityLink.community(o.id, link);
        List<CommunityEvent> history = CommunityLink.history(link, community);
        String name = CommunityLink.name(history, community);
        Keystore ks = Keystore.open();
        Optional<PubKey> old = before.map(CommunityLink::person);
        Event e;
        try {
            e = CommunityEvents.act(ks.unlock(), CommunityLink.now(), community, act, subject, old, content);
        } catch (mutual.protocol.community.CommunityException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage().replaceFirst("^community event [0-9a-f]+: ", ""));
        }
        CommunityLink.publishIfItCounts(link, history, e, act.label(), name);
        Map<String, Object> after = awaitCounted(link, community, e.id());
        PubKey person = subject.orElse(ks.publicKey());
        boolean member = Tree.list(after.get("members")).stream().anyMatch(m -> person.hex().equals(Tree.str(Tree.map(m), "pubkey")));
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("community", community.hex());
                g.writeStringField("act", act.label());
                g.writeStringField("person", Nip19.npub(person));
                g.writeBooleanField("member", member);
                g.writeFieldName("event");
                g.writeRawValue(e.toJson());
                g.writeEndObject();
            }));
        } else {
            String who = Nip19.npub(person);
            out.println(switch (act) {
                case JOIN -> member ? "you are a member of " + name : "asked to join " + name + "; members vouch for you with: mutual community vouch "
                        + community.hex() + " " + who;
                case VOUCH -> "vouched for " + who + " in " + name + old.map(k -> " as the person who held " + Nip19.npub(k)).orElse("")
                        + (member ? "; they are a member now" : "; they are a member once enough vouches stand and they have joined");
                case UNVOUCH -> "took back your vouch for " + who + " in " + name;
                case LEAVE -> "you left " + name;
            });
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Waits until the node's tally holds the act, so what is printed is what the node now says. */
    static Map<String, Object> awaitCounted(NodeLink link, EventId community, EventId id) {
        long until = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            String body;
            try {
                body = link.get("/api/communities/" + community.hex(), Map.of());
            } catch (CliException x) {
                // a new founding is unknown (404) until the node's community thread has taken it in
                if (x.exitCode() != ExitCodes.INVALID || System.currentTimeMillis() > until) throw x;
                body = "";
            }
            if (body.contains(id.hex())) return Tree.map(Tree.parse(body));
            if (System.currentTimeMillis() > until) throw new CliException(ExitCodes.INVALID, "the node stored the event but did not count it");
            try {
                Thread.sleep(100);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.IO, "interrupted");
            }
        }
    }
}
