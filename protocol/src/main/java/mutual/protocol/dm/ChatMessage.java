package mutual.protocol.dm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * A NIP-17 kind-14 chat message (https://github.com/nostr-protocol/nips/blob/master/17.md): plain
 * text from a sender to one or more receivers ({@code p} tags), optionally naming the conversation
 * ({@code subject}) and the message it answers ({@code e}). The sender plus the receivers define the room.
 */
public record ChatMessage(PubKey sender, List<PubKey> receivers, String content, long createdAt,
                          Optional<String> subject, Optional<EventId> replyTo) {
    public static final int KIND = 14;

    public ChatMessage {
        receivers = List.copyOf(receivers);
        if (receivers.isEmpty()) throw new IllegalArgumentException("a chat message needs at least one receiver");
    }

    public static ChatMessage of(PubKey sender, List<PubKey> receivers, String content, long createdAt) {
        return new ChatMessage(sender, receivers, content, createdAt, Optional.empty(), Optional.empty());
    }

    public ChatMessage withSubject(String s) {
        return new ChatMessage(sender, receivers, content, createdAt, Optional.of(s), replyTo);
    }

    public ChatMessage replyingTo(EventId parent) {
        return new ChatMessage(sender, receivers, content, createdAt, subject, Optional.of(parent));
    }

    /** The unsigned kind-14 event that carries this message. */
    public Rumor toRumor() {
        List<Tag> tags = new ArrayList<>();
        for (PubKey r : receivers) tags.add(Tag.of("p", r.hex()));
        replyTo.ifPresent(e -> tags.add(Tag.of("e", e.hex())));
        subject.ifPresent(s -> tags.add(Tag.of("subject", s)));
        return Rumor.create(sender, createdAt, KIND, tags, content);
    }

    /** Reads a kind-14 rumor; throws when it is another kind or its {@code p} or {@code e} tags are malformed. */
    public static ChatMessage fromRumor(Rumor r) {
        if (r.kind() != KIND) throw new GiftWrapException("rumor: kind " + r.kind() + " is not a chat message (14)");
        List<PubKey> receivers = new ArrayList<>();
        for (Tag t : r.tagsNamed("p")) {
            String v = t.value().orElse("");
            receivers.add(PubKey.fromHex(v).orElseThrow(() -> new GiftWrapException("chat message: p tag '" + v + "' is not a public key")));
        }
        if (receivers.isEmpty()) throw new GiftWrapException("chat message: no p tag names a receiver");
        Optional<EventId> reply = Optional.empty();
        for (Tag t : r.tagsNamed("e")) {
            String v = t.value().orElse("");
            reply = Optional.of(EventId.fromHex(v).orElseThrow(() -> new GiftWrapException("chat message: e tag '" + v + "' is not an event id")));
            break;
        }
        Optional<String> subject = r.tagsNamed("subject").stream().flatMap(t -> t.value().stream()).findFirst();
        return new ChatMessage(r.pubkey(), receivers, r.content(), r.createdAt(), subject, reply);
    }
}
