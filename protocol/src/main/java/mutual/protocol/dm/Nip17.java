package mutual.protocol.dm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.json.Json;

/**
 * NIP-17 private direct messages (https://github.com/nostr-protocol/nips/blob/master/17.md): a
 * rumor is sealed and gift-wrapped once for each receiver and once for the sender, so every party,
 * the sender's other devices included, can read the conversation and nobody else can tell who talks to whom.
 */
public final class Nip17 {
    private Nip17() {}

    /** One wrap per receiver ({@code p} tags, in order, without repeats) and one for the sender; publish each to its recipient's relays. */
    public static List<Event> wrapForAll(Rumor rumor, SecretKey sender, long now, RandomGenerator random) {
        Set<PubKey> recipients = new LinkedHashSet<>();
        for (Tag t : rumor.tagsNamed("p")) {
            String v = t.value().orElse("");
            recipients.add(PubKey.fromHex(v).orElseThrow(() -> new IllegalArgumentException("p tag '" + v + "' is not a public key")));
        }
        recipients.add(sender.publicKey());
        List<Event> wraps = new ArrayList<>(recipients.size());
        for (PubKey r : recipients) wraps.add(GiftWrap.wrap(rumor, sender, r, now, random));
        return wraps;
    }

    /** Wraps a chat message for all its receivers and its sender. */
    public static List<Event> send(ChatMessage message, SecretKey sender, long now, RandomGenerator random) {
        return wrapForAll(message.toRumor(), sender, now, random);
    }

    /** Opens a wrap and reads the kind-14 chat message inside; the sender is the seal's authenticated signer. */
    public static ChatMessage read(Event wrap, SecretKey recipient, Json json) {
        return ChatMessage.fromRumor(GiftWrap.unwrap(wrap, recipient, json).rumor());
    }
}
