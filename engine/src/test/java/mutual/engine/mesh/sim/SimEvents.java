package mutual.engine.mesh.sim;

import java.util.List;
import java.util.SplittableRandom;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.crypto.Signature;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * Events for the simulation, made from the run's random source only: keys, contents and even
 * the signatures' auxiliary randomness (BIP-340 signing otherwise draws fresh randomness), so a
 * seed yields the very same events byte for byte. And the forgeries liars make of them.
 */
final class SimEvents {
    private SimEvents() {}

    static SecretKey key(SplittableRandom random) {
        return SecretKey.generate(random);
    }

    /** A valid kind-1 note, signed with auxiliary randomness from {@code random}. */
    static Event note(SecretKey key, long createdAt, String content, SplittableRandom random) {
        Event e = EventBuilder.create(1, createdAt).content(content).sign(key);
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        return new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), Schnorr.sign(e.id().raw(), key, aux));
    }

    /** A valid event of any kind with {@code tags}, signed as {@link #note} is. */
    static Event signed(SecretKey key, int kind, long createdAt, List<Tag> tags, String content, SplittableRandom random) {
        Event e = EventBuilder.create(kind, createdAt).tags(tags).content(content).sign(key);
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        return new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), Schnorr.sign(e.id().raw(), key, aux));
    }

    /** A NIP-09 deletion by {@code key} of {@code target}. */
    static Event deletion(SecretKey key, long createdAt, Event target, SplittableRandom random) {
        return signed(key, SimStore.DELETION, createdAt, List.of(Tag.of("e", target.id().hex())), "", random);
    }

    /** A random 32-byte id, as a liar announces for events that do not exist. */
    static EventId randomId(SplittableRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return EventId.of(b);
    }

    /** An event carrying {@code id} that was never made by hashing: wrong id, random signature. */
    static Event fabricated(EventId id, long createdAt, PubKey author, SplittableRandom random) {
        byte[] sig = new byte[64];
        random.nextBytes(sig);
        return new Event(id, author, createdAt, 1, List.of(), "fabricated " + random.nextInt(1_000_000), Signature.of(sig));
    }

    /** A real event with its content changed, id and signature kept: the id no longer matches. */
    static Event tampered(Event genuine) {
        return Keys.tampered(genuine);
    }

    /** A correctly hashed event under someone's key, carrying another event's signature. */
    static Event missigned(SecretKey key, long createdAt, Event other, SplittableRandom random) {
        Event e = note(key, createdAt, "missigned " + random.nextInt(1_000_000), random);
        return Keys.withSignatureOf(e, other);
    }
}
