package mutual.engine.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mutual.engine.ingest.Source;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.dm.GiftWrap;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.relays.RelayList;

/**
 * Which relays an event should also reach, by the outbox model (NIP-65): a person's own events go
 * to the relays they write to, and what is addressed to someone goes to the relays they read from
 * (private messages to their NIP-17 list first). Only events that arrived from this node's own
 * clients or from the node itself are sent on; what came from peers and bundles has travelled
 * already. Pure: the lists are looked up through the function given.
 */
final class Destinations {
    /** Relays taken from one person's list at most: enough to be found, not a broadcast. */
    static final int PER_PERSON = 4;
    /** People an event is sent on for at most: a match names two, a wrap one. */
    static final int MAX_PEOPLE = 8;

    private Destinations() {}

    /** One person's lists as the node holds them; either may be absent. */
    record Lists(List<String> read, List<String> write, List<String> dm) {
        static final Lists NONE = new Lists(List.of(), List.of(), List.of());
    }

    /** Relay URL → why it is a destination, in a stable order. Empty when the event stays here. */
    static Map<String, String> of(Event e, Source source, Function<PubKey, Lists> lists) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!(source instanceof Source.Client || source instanceof Source.Local)) return out;
        int k = e.kind();
        if (k == GiftWrap.WRAP) {
            for (PubKey p : addressed(e)) {
                Lists l = lists.apply(p);
                add(out, l.dm().isEmpty() ? l.read() : l.dm(), "private message for " + p.hex().substring(0, 8));
            }
        } else if (k == AidKinds.MATCH) {
            add(out, lists.apply(e.pubkey()).write(), "written by " + e.pubkey().hex().substring(0, 8));
            for (PubKey p : addressed(e)) {
                if (!p.equals(e.pubkey())) add(out, lists.apply(p).read(), "addressed to " + p.hex().substring(0, 8));
            }
        } else if (k == AidKinds.LISTING || k == 5 || (k >= 1403 && k <= 1406)) {
            add(out, lists.apply(e.pubkey()).write(), "written by " + e.pubkey().hex().substring(0, 8));
        } else if (RelayList.isRelayList(k)) {
            RelayList.of(e).ifPresent(l -> add(out, l.all(), "named in the list"));
        }
        return out;
    }

    private static List<PubKey> addressed(Event e) {
        return e.tagsNamed("p").stream().map(Tag::value).flatMap(v -> v.flatMap(PubKey::fromHex).stream())
                .distinct().limit(MAX_PEOPLE).toList();
    }

    private static void add(Map<String, String> out, List<String> urls, String why) {
        urls.stream().limit(PER_PERSON).forEach(u -> out.putIfAbsent(u, why));
    }
}
