package mutual.engine.aid;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;

/**
 * How much {@code viewer} (the author of the listing being matched) trusts {@code other} (the
 * author of a candidate). Pluggable: follows and past matches ({@link FollowsAndMatches}), shared
 * communities and vouches (engine/community), several at once with {@link #strongest}. Called on the aid thread and on API threads, so implementations are thread-safe.
 */
public interface TrustScore {
    Trust of(PubKey viewer, PubKey other);

    /** Whether {@code viewer} blocked {@code other} (NIP-51): a block wins over any trust, and the two are never matched. */
    default boolean blocked(PubKey viewer, PubKey other) {
        return false;
    }

    /**
     * Sees every event the node takes in from now on (contact lists, match steps), on the aid
     * thread; what the store already held is for the implementation to read when it needs it.
     */
    default void observe(Event event) {}

    /** Learns that the two people completed a match together (both accepted, one marked it done). */
    default void completed(PubKey a, PubKey b) {}

    /**
     * Several scores as one: the highest score of the parts, and the reason of every part that
     * trusts at all, the strongest first (each is a reason a person sees with a match).
     */
    static TrustScore strongest(TrustScore... parts) {
        java.util.List<TrustScore> all = java.util.List.of(parts);
        return new TrustScore() {
            @Override
            public Trust of(PubKey viewer, PubKey other) {
                double best = 0;
                java.util.List<Trust> found = new java.util.ArrayList<>();
                for (TrustScore p : all) {
                    Trust t = p.of(viewer, other);
                    if (t.score() > 0) found.add(t);
                    best = Math.max(best, t.score());
                }
                if (found.isEmpty()) return Trust.NONE;
                found.sort(java.util.Comparator.comparingDouble(Trust::score).reversed());
                return new Trust(best, java.util.Optional.of(String.join("; ", found.stream().flatMap(t -> t.reason().stream()).toList())));
            }

            @Override
            public boolean blocked(PubKey viewer, PubKey other) {
                for (TrustScore p : all) if (p.blocked(viewer, other)) return true;
                return false;
            }

            @Override
            public void observe(Event event) {
                for (TrustScore p : all) p.observe(event);
            }

            @Override
            public void completed(PubKey a, PubKey b) {
                for (TrustScore p : all) p.completed(a, b);
            }
        };
    }

    /** Trusts nobody: every candidate ranks on the other criteria alone. */
    static TrustScore none() {
        return (viewer, other) -> Trust.NONE;
    }
}
