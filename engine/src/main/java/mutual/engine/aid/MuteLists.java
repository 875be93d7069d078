package mutual.engine.aid;

import java.util.Optional;
import java.util.function.Function;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.store.EventStore;

/**
 * Personal blocks (NIP-51 mute list, kind 10000, its public {@code p} tags): a person never gets a
 * match with someone they muted, nor is suggested to them, whatever else ties them (docs/protocol.md,
 * "Matching": blocks always win). Private entries are encrypted to their author; a node cannot read them.
 */
public final class MuteLists implements TrustScore {
    static final int KIND = 10000;
    /** Muted keys held in memory, over all mute lists together. */
    static final int MAX_KEYS_HELD = 100_000;

    private final PTagLists mutes;

    MuteLists(Function<PubKey, Optional<Event>> latest, int maxKeysHeld) {
        this.mutes = new PTagLists(KIND, latest, maxKeysHeld);
    }

    public static MuteLists over(EventStore store) {
        return new MuteLists(StoreLists.latest(store, KIND), MAX_KEYS_HELD);
    }

    @Override
    public Trust of(PubKey viewer, PubKey other) {
        return Trust.NONE;
    }

    @Override
    public boolean blocked(PubKey viewer, PubKey other) {
        return mutes.of(viewer).contains(other);
    }

    @Override
    public void observe(Event event) {
        mutes.observe(event);
    }
}
