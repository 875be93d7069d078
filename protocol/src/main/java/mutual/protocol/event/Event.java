package mutual.protocol.event;

import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Signature;

/**
 * A Nostr event (NIP-01) as it arrived: the id and signature are what the author claims;
 * {@link EventCheck} decides whether they hold.
 */
public record Event(EventId id, PubKey pubkey, long createdAt, int kind, List<Tag> tags, String content, Signature sig) {
    public Event {
        tags = List.copyOf(tags);
    }

    public KindClass kindClass() {
        return KindClass.of(kind);
    }

    /** The value of the first {@code d} tag, or the empty string (NIP-01 addressable events). */
    public String dTag() {
        return firstTagValue("d").orElse("");
    }

    public Optional<String> firstTagValue(String name) {
        for (Tag t : tags) if (t.name().equals(name) && t.size() > 1) return t.value();
        return Optional.empty();
    }

    public List<Tag> tagsNamed(String name) {
        return tags.stream().filter(t -> t.name().equals(name)).toList();
    }

    /** The NIP-40 expiration time, when the event carries a valid one. */
    public Optional<Long> expiration() {
        return firstTagValue("expiration").flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public String toJson() {
        return EventJson.write(this);
    }
}
