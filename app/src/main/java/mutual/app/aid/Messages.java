package mutual.app.aid;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.dm.ChatMessage;
import mutual.protocol.dm.GiftWrap;
import mutual.protocol.dm.GiftWrapException;
import mutual.protocol.dm.Nip17;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import mutual.protocol.wire.RelayMessage;

/**
 * Private messages as NIP-17 describes them (https://github.com/nostr-protocol/nips/blob/master/17.md):
 * a kind-14 message sealed and gift-wrapped (NIP-59, NIP-44 v2) once for the receiver and once for
 * the sender, so the node stores only ciphertext and sees neither author nor words. Reading
 * authenticates as the recipient (NIP-42), since the node serves a wrap only to the key it names.
 */
final class Messages {
    /** NIP-17's list of the relays where a person wants to receive messages. */
    static final int INBOX_RELAYS = 10050;

    /** One message, opened. {@code id} is the rumor's id, the same in every copy of the message. */
    record Message(EventId id, PubKey from, List<PubKey> to, String text, long at, Optional<String> subject) {
        /** The other person of a two-person conversation, seen from {@code me}. */
        PubKey other(PubKey me) {
            return from.equals(me) ? to.get(0) : from;
        }
    }

    /** Where one copy went, and whether it was taken. */
    record Delivery(String relay, boolean ok, String detail) {}

    private Messages() {}

    /**
     * Sends {@code text} to {@code to}: the receiver's copy to the node and to the receiver's
     * kind-10050 relays when the node knows them, the sender's copy to the node. A copy the node
     * refuses is an error; other relays are tried and reported.
     */
    static List<Delivery> send(NodeLink link, SecretKey me, PubKey to, String text, Optional<String> subject, long now) {
        ChatMessage m = ChatMessage.of(me.publicKey(), List.of(to), text, now);
        if (subject.isPresent()) m = m.withSubject(subject.get());
        List<Event> wraps;
        try {
            wraps = Nip17.send(m, me, now, new SecureRandom());
        } catch (IllegalArgumentException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage());
        }
        List<Delivery> out = new ArrayList<>();
        Event theirs = wraps.get(0), mine = wraps.get(1);
        try {
            for (Event w : wraps) link.publish(w);
            out.add(new Delivery(link.relayUrl(), true, "stored"));
        } catch (CliException x) {
            // The node is gone: the outbox model's answer is the relays the two people named themselves.
            List<String> theirRelays = RelayLists.remembered(to).inboxOrRelays();
            if (x.exitCode() != ExitCodes.IO || theirRelays.isEmpty()) throw x;
            out.add(new Delivery(link.relayUrl(), false, NodeLink.reason(x)));
            for (String r : theirRelays) out.add(deliver(r, theirs));
            for (String r : RelayLists.remembered(me.publicKey()).inboxOrRelays()) deliver(r, mine);
            if (out.stream().noneMatch(Delivery::ok)) throw new CliException(ExitCodes.IO, "neither " + link.relayUrl()
                    + " nor their relays " + theirRelays + " took the message: " + out.get(out.size() - 1).detail());
            return out;
        }
        for (String r : inboxRelays(link, to)) {
            if (sameRelay(r, link.relayUrl())) continue;
            out.add(deliver(r, theirs));
        }
        return out;
    }

    /**
     * How long another of the person's own message relays may take to connect, and then to let
     * the key in: one that is gone refuses the connection at once and costs nothing; a slow one
     * (a busy node, a far relay) gets a fair chance, since its messages may be the only copies.
     */
    private static final java.time.Duration OTHER_RELAY_CONNECT = java.time.Duration.ofSeconds(5);
    private static final java.time.Duration OTHER_RELAY_AUTH = java.time.Duration.ofSeconds(15);

    /**
     * Every message to or from {@code me} that the node holds, and the other relays of my
     * kind-10050 list as this device knows it (nodes do not replicate gift wraps to each other),
     * oldest first, each once. The node must answer; the other relays are asked as well as they can.
     */
    static List<Message> fetch(NodeLink link, SecretKey me, long now) {
        List<Event> wraps;
        try (RelayClient c = link.connect()) {
            RelayMessage.Ok ok = c.authenticate(me, now).get(30, TimeUnit.SECONDS);
            if (!ok.accepted()) throw new CliException(ExitCodes.INVALID, "the node did not let this key in (NIP-42): " + ok.message());
            wraps = new ArrayList<>(inbox(c, me));
        } catch (CliException x) {
            throw x;
        } catch (Exception x) {
            throw new CliException(ExitCodes.IO, "cannot read messages from " + link.relayUrl() + ": " + NodeLink.reason(x));
        }
        for (String r : RelayLists.remembered(me.publicKey()).dm()) {
            if (sameRelay(r, link.relayUrl())) continue;
            try (RelayClient c = RelayClient.connect(URI.create(r), OTHER_RELAY_CONNECT)) {
                if (c.authenticate(me, now).get(OTHER_RELAY_AUTH.toSeconds(), TimeUnit.SECONDS).accepted()) wraps.addAll(inbox(c, me));
            } catch (Exception x) {
                // a relay of the list that is gone or refuses: the node's answer stands
            }
        }
        Json json = Json.create(Limits.defaults());
        Set<EventId> seen = new LinkedHashSet<>();
        List<Message> out = new ArrayList<>();
        for (Event w : wraps) {
            try {
                ChatMessage m = Nip17.read(w, me, json);
                EventId id = m.toRumor().id();
                if (seen.add(id)) out.add(new Message(id, m.sender(), m.receivers(), m.content(), m.createdAt(), m.subject()));
            } catch (GiftWrapException x) {
                // not a message for us to read (another kind inside, or forged): skipped, as NIP-17 asks
            }
        }
        out.sort(Comparator.comparingLong(Message::at).thenComparing(m -> m.id().hex()));
        return out;
    }

    private static List<Event> inbox(RelayClient c, SecretKey me) throws Exception {
        return c.query("inbox", List.of(Filter.builder().kinds(GiftWrap.WRAP).tag('p', me.publicKey().hex()).build())).get(60, TimeUnit.SECONDS);
    }

    /** Where {@code who} takes messages: their kind-10050 relays, else their kind-10002 ones, as the node or this device knows them. */
    static List<String> inboxRelays(NodeLink link, PubKey who) {
        return RelayLists.lookUp(link.relayUrl(), who).inboxOrRelays();
    }

    /** Sends {@code e} to each relay once (the same relay written two ways counts once); one delivery per relay. */
    static List<Delivery> deliverEach(List<String> relays, Event e) {
        List<Delivery> sent = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (String r : relays) {
            if (RelayLists.contains(done, r)) continue;
            done.add(r);
            sent.add(deliver(r, e));
        }
        return sent;
    }

    static Delivery deliver(String relay, Event wrap) {
        try (RelayClient c = RelayClient.connect(URI.create(relay), java.time.Duration.ofSeconds(10))) {
            RelayMessage.Ok ok = c.publish(wrap).get(30, TimeUnit.SECONDS);
            return new Delivery(relay, ok.accepted(), ok.accepted() ? "stored" : ok.message());
        } catch (Exception x) {
            return new Delivery(relay, false, NodeLink.reason(x));
        }
    }

    private static boolean sameRelay(String a, String b) {
        return RelayLists.same(a, b);
    }
}
