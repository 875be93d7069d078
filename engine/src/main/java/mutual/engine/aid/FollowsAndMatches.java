package mutual.engine.aid;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.store.EventStore;

/**
 * The first trust score: a person trusts whom they follow (their latest NIP-02 contact list,
 * kind 3) and whom they have completed a match with. Communities and vouches come later as other
 * {@link TrustScore}s.
 *
 * <p>Contact lists are many and long, so only the most recently used are held ({@link PTagLists}),
 * {@link #MAX_KEYS_HELD} keys in all; another is read from the store when someone's listing is matched.
 */
public final class FollowsAndMatches implements TrustScore {
    /** Followed keys held in memory, over all contact lists together (about 22 MB). */
    static final int MAX_KEYS_HELD = 200_000;

    private final PTagLists follows;
    private final Map<PubKey, Set<PubKey>> completed = new ConcurrentHashMap<>();

    FollowsAndMatches(Function<PubKey, Optional<Event>> latest, int maxKeysHeld) {
        this.follows = new PTagLists(3, latest, maxKeysHeld);
    }

    /** Follows as the node sees them: contact lists read from the store as needed, and those it takes in. */
    public static FollowsAndMatches over(EventStore store) {
        return new FollowsAndMatches(StoreLists.latest(store, 3), MAX_KEYS_HELD);
    }

    /** Follows from the contact lists it observes only (benchmarks without a store). */
    public static FollowsAndMatches create() {
        return new FollowsAndMatches(who -> Optional.empty(), MAX_KEYS_HELD);
    }

    @Override
    public Trust of(PubKey viewer, PubKey other) {
        if (completed.getOrDefault(viewer, Set.of()).contains(other)) return Trust.of(1, "completed a match together before");
        if (follows.of(viewer).contains(other)) return Trust.of(1, "followed by the other side");
        return Trust.NONE;
    }

    @Override
    public void observe(Event event) {
        follows.observe(event);
    }

    @Override
    public void completed(PubKey a, PubKey b) {
        completed.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(b);
        completed.computeIfAbsent(b, k -> ConcurrentHashMap.newKeySet()).add(a);
    }

    /** Keys held in memory now, over all contact lists. */
    int keysHeld() {
        return follows.keysHeld();
    }
}
