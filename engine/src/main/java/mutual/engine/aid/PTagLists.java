package mutual.engine.aid;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;

/**
 * Each person's latest list of keys of one replaceable kind (a NIP-02 contact list, a NIP-51 mute
 * list), as the set of its public {@code p} tags. Lists are many and long (about 110 bytes per key
 * in memory), so only the most recently used are held, {@code maxKeysHeld} keys in all; another is
 * read (through {@code latest}) when it is asked for. Thread-safe.
 */
final class PTagLists {
    private record Keys(long createdAt, Set<PubKey> keys) {}

    /** Someone with no list (as far as the store knows). */
    private static final Keys NONE = new Keys(-1, Set.of());

    private final int kind;
    private final Function<PubKey, Optional<Event>> latest;
    private final int maxKeysHeld;
    /** Least recently used first; guarded by this. */
    private final LinkedHashMap<PubKey, Keys> held = new LinkedHashMap<>(16, 0.75f, true);
    private int keysHeld;

    PTagLists(int kind, Function<PubKey, Optional<Event>> latest, int maxKeysHeld) {
        this.kind = kind;
        this.latest = latest;
        this.maxKeysHeld = maxKeysHeld;
    }

    /** The keys on {@code who}'s latest list; empty when they have none. */
    synchronized Set<PubKey> of(PubKey who) {
        Keys k = held.get(who);
        if (k == null) {
            k = latest.apply(who).map(PTagLists::parse).orElse(NONE);
            hold(who, k);
        }
        return k.keys();
    }

    /** Takes a list of this kind the node took in, when it is newer than the one held. */
    void observe(Event event) {
        if (event.kind() != kind) return;
        Keys neu = parse(event);
        synchronized (this) {
            Keys old = held.get(event.pubkey());
            if (old == null || neu.createdAt() >= old.createdAt()) hold(event.pubkey(), neu);
        }
    }

    /** Keys held in memory now, over all lists. */
    synchronized int keysHeld() {
        return keysHeld;
    }

    /** Holds a list, then lets go of the least recently used until the keys fit (keeping this one). */
    private void hold(PubKey who, Keys k) {
        Keys old = held.put(who, k);
        keysHeld += k.keys().size() - (old == null ? 0 : old.keys().size());
        Iterator<Map.Entry<PubKey, Keys>> eldest = held.entrySet().iterator();
        while (keysHeld > maxKeysHeld && held.size() > 1) {
            Map.Entry<PubKey, Keys> e = eldest.next();
            if (e.getKey().equals(who)) continue;
            keysHeld -= e.getValue().keys().size();
            eldest.remove();
        }
    }

    private static Keys parse(Event e) {
        Set<PubKey> keys = new HashSet<>();
        for (Tag t : e.tagsNamed("p")) t.value().flatMap(PubKey::fromHex).ifPresent(keys::add);
        return new Keys(e.createdAt(), Set.copyOf(keys));
    }
}
