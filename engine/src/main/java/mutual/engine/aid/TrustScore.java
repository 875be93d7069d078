package mutual.engine.aid;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;

/**
 * How much {@code viewer} (the author of the listing being matched) trusts {@code other} (the
 * author of a candidate). Pluggable: follows and past matches now, shared communities and vouches
 * later. Called on the aid thread and on API threads, so implementations are thread-safe.
 */
public interface TrustScore {
    Trust of(PubKey viewer, PubKey other);

    /**
     * Sees every event the node takes in from now on (contact lists, match steps), on the aid
     * thread; what the store already held is for the implementation to read when it needs it.
     */
    default void observe(Event event) {}

    /** Learns that the two people completed a match together (both accepted, one marked it done). */
    default void completed(PubKey a, PubKey b) {}

    /** Trusts nobody: every candidate ranks on the other criteria alone. */
    static TrustScore none() {
        return (viewer, other) -> Trust.NONE;
    }
}
