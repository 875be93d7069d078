package mutual.protocol.dm;

import java.util.List;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Canonical;
import mutual.protocol.event.EscapeStyle;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;

/**
 * An unsigned event (NIP-59 "rumor"): the real message inside a seal. Without a signature it
 * cannot be shown to a third party as proof of authorship; the seal around it is what the
 * recipient trusts. See https://github.com/nostr-protocol/nips/blob/master/59.md
 */
public record Rumor(EventId id, PubKey pubkey, long createdAt, int kind, List<Tag> tags, String content) {
    public Rumor {
        tags = List.copyOf(tags);
        if (kind < 0 || kind > KindClass.MAX_KIND) throw new IllegalArgumentException("kind must be between 0 and 65535");
        if (createdAt < 0) throw new IllegalArgumentException("created_at must not be negative");
    }

    /** A rumor whose id is the NIP-01 hash of its fields. */
    public static Rumor create(PubKey author, long createdAt, int kind, List<Tag> tags, String content) {
        EventId id = Canonical.id(author, createdAt, kind, tags, content, EscapeStyle.JSON_STRINGIFY);
        return new Rumor(id, author, createdAt, kind, tags, content);
    }

    /** True when the id is the hash of the fields, under either reading of NIP-01's escaping (as {@code EventCheck} accepts). */
    public boolean idMatches() {
        return Canonical.id(pubkey, createdAt, kind, tags, content, EscapeStyle.JSON_STRINGIFY).equals(id)
                || Canonical.id(pubkey, createdAt, kind, tags, content, EscapeStyle.NIP01_LITERAL).equals(id);
    }

    public List<Tag> tagsNamed(String name) {
        return tags.stream().filter(t -> t.name().equals(name)).toList();
    }

    public String toJson() {
        return RumorJson.write(this);
    }
}
