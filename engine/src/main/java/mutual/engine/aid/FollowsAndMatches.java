package mutual.engine.aid;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;

/**
 * The first trust score: a person trusts whom they follow (their latest NIP-02 contact list,
 * kind 3) and whom they have completed a match with. Communities and vouches come later as other
 * {@link TrustScore}s.
 *
 * <p>Contact lists are many and long (hundreds of keys each, about 110 bytes per key in memory),
 * so only the most recently used are held, {@link #MAX_KEYS_HELD} keys in all; another is read
 * from the store when someone's listing is matched.
 */
public final class FollowsAndMatches implements TrustScore {
    /** Followed keys held in memory, over all contact lists together (about 22 MB). */
    static final int MAX_KEYS_HELD = 200_000;

    private record Follows(long createdAt, Set<PubKey> keys) {}

    /** Someone with no contact list (as far as the store knows). */
    private static final Follows NONE = new Follows(-1, Set.of());

    private final Function<PubKey, Optional<Event>> latest;
    private final int maxKeysHeld;
    /** Least recently used first; guarded by this. */
    private final LinkedHashMap<PubKey, Follows> held = new LinkedHashMap<>(16, 0.75f, true);
    private int keysHeld;
    private final Map<PubKey, Set<PubKey>> completed = new ConcurrentHashMap<>();

    FollowsAndMatches(Function<PubKey, Optional<Event>> latest, int maxKeysHeld) {
        this.latest = latest;
        this.maxKeysHeld = maxKeysHeld;
    }

    /** Follows as the node sees them: contact lists read from the store as needed, and those it takes in. */
    public static FollowsAndMatches over(EventStore store) {
        return new FollowsAndMatches(who -> store.query(List.of(Filter.builder().kinds(3).authors(who).limit(1).build()), Viewer.node(), 1)
                .stream().findFirst(), MAX_KEYS_HELD);
    }

    /** Follows from the contact lists it observes only (benchmarks without a store). */
    public static FollowsAndMatches create() {
        return new FollowsAndMatches(who -> Optional.empty(), MAX_KEYS_HELD);
    }

    @Override
    public Trust of(PubKey viewer, PubKey other) {
        if (completed.getOrDefault(viewer, Set.of()).contains(other)) return Trust.of(1, "completed a match together before");
        if (follows(viewer).keys().contains(other)) return Trust.of(1, "followed by the other side");
        return Trust.NONE;
    }

    @Override
    public void observe(Event event) {
        if (event.kind() != 3) return;
        Follows neu = parse(event);
        synchronized (this) {
            Follows old = held.get(event.pubkey());
            if (old == null || neu.createdAt() >= old.createdAt()) hold(event.pubkey(), neu);
        }
    }

    @Override
    public void completed(PubKey a, PubKey b) {
        completed.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(b);
        completed.computeIfAbsent(b, k -> ConcurrentHashMap.newKeySet()).add(a);
    }

    /** Keys held in memory now, over all contact lists. */
    synchronized int keysHeld() {
        return keysHeld;
    }

    private synchronized Follows follows(PubKey who) {
        Follows f = held.get(who);
        if (f == null) {
            f = latest.apply(who).map(FollowsAndMatches::parse).orElse(NONE);
            hold(who, f);
        }
        return f;
    }

    /** Holds a contact list, then lets go of the least recently used until the keys fit (keeping this one). */
    private void hold(PubKey who, Follows f) {
        Follows old = held.put(who, f);
        keysHeld += f.keys().size() - (old == null ? 0 : old.keys().size());
        Iterator<Map.Entry<PubKey, Follows>> eldest = held.entrySet().iterator();
        while (keysHeld > maxKeysHeld && held.size() > 1) {
            Map.Entry<PubKey, Follows> e = eldest.next();
            if (e.getKey().equals(who)) continue;
            keysHeld -= e.getValue().keys().size();
            eldest.remove();
        }
    }

    private static Follows parse(Event e) {
        Set<PubKey> keys = new HashSet<>();
        for (Tag t : e.tagsNamed("p")) t.value().flatMap(PubKey::fromHex).ifPresent(keys::add);
        return new Follows(e.createdAt(), Set.copyOf(keys));
    }
}
