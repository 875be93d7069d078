package mutual.engine.testing;

import java.util.List;
import java.util.Random;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.Tag;

/** Seeded keys and small event helpers for tests. */
public final class Keys {
    private Keys() {}

    public static SecretKey key(int seed) {
        return SecretKey.generate(new Random(seed));
    }

    public static Event note(SecretKey key, long createdAt, String content, Tag... tags) {
        return EventBuilder.create(1, createdAt).content(content).tags(List.of(tags)).sign(key);
    }

    public static Event event(SecretKey key, int kind, long createdAt, String content, Tag... tags) {
        return EventBuilder.create(kind, createdAt).content(content).tags(List.of(tags)).sign(key);
    }

    /** The same event with its content changed but the old id and signature kept. */
    public static Event tampered(Event e) {
        return new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content() + "!", e.sig());
    }

    /** The same event carrying another event's signature. */
    public static Event withSignatureOf(Event e, Event other) {
        return new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), other.sig());
    }
}
