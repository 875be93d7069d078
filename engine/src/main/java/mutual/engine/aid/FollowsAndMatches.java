package mutual.engine.aid;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;

/**
 * The first trust score: a person trusts whom they follow (their latest NIP-02 contact list,
 * kind 3) and whom they have completed a match with. Communities and vouches come later as other
 * {@link TrustScore}s.
 */
public final class FollowsAndMatches implements TrustScore {
    private record Follows(long createdAt, Set<PubKey> keys) {}

    private final Map<PubKey, Follows> follows = new ConcurrentHashMap<>();
    private final Map<PubKey, Set<PubKey>> completed = new ConcurrentHashMap<>();

    public static FollowsAndMatches create() {
        return new FollowsAndMatches();
    }

    @Override
    public Trust of(PubKey viewer, PubKey other) {
        if (completed.getOrDefault(viewer, Set.of()).contains(other)) return Trust.of(1, "completed a match together before");
        Follows f = follows.get(viewer);
        if (f != null && f.keys().contains(other)) return Trust.of(1, "followed by the other side");
        return Trust.NONE;
    }

    @Override
    public void observe(Event event) {
        if (event.kind() != 3) return;
        Set<PubKey> keys = ConcurrentHashMap.newKeySet();
        for (Tag t : event.tagsNamed("p")) t.value().flatMap(PubKey::fromHex).ifPresent(keys::add);
        follows.merge(event.pubkey(), new Follows(event.createdAt(), keys), (old, neu) -> neu.createdAt() >= old.createdAt() ? neu : old);
    }

    @Override
    public void completed(PubKey a, PubKey b) {
        completed.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(b);
        completed.computeIfAbsent(b, k -> ConcurrentHashMap.newKeySet()).add(a);
    }
}
