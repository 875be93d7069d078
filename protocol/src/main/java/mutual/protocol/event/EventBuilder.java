package mutual.protocol.event;

import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.crypto.SecretKey;

/** Builds and signs events. Time is passed in, never read from a clock here. */
public final class EventBuilder {
    private final int kind;
    private long createdAt;
    private String content = "";
    private final List<Tag> tags = new ArrayList<>();

    private EventBuilder(int kind, long createdAt) {
        if (kind < 0 || kind > KindClass.MAX_KIND) throw new IllegalArgumentException("kind must be between 0 and 65535");
        this.kind = kind;
        this.createdAt = createdAt;
    }

    public static EventBuilder create(int kind, long createdAt) {
        return new EventBuilder(kind, createdAt);
    }

    public EventBuilder content(String content) {
        this.content = content;
        return this;
    }

    public EventBuilder tag(String... values) {
        tags.add(Tag.of(values));
        return this;
    }

    public EventBuilder tag(Tag tag) {
        tags.add(tag);
        return this;
    }

    public EventBuilder tags(List<Tag> more) {
        tags.addAll(more);
        return this;
    }

    public EventBuilder createdAt(long seconds) {
        this.createdAt = seconds;
        return this;
    }

    public Event sign(SecretKey key) {
        PubKey pk = key.publicKey();
        EventId id = Canonical.id(pk, createdAt, kind, tags, content, EscapeStyle.JSON_STRINGIFY);
        return new Event(id, pk, createdAt, kind, tags, content, Schnorr.sign(id.raw(), key));
    }
}
