package mutual.engine.mesh;

import java.time.Instant;
import java.util.Optional;

/**
 * How replication with one peer stands, for {@code mutual peer list}, {@code /metrics} and the logs.
 *
 * @param state          what the link is doing now
 * @param lastSync       when the last reconciliation finished, and what it did
 * @param sent           events the peer accepted from this node, since the node started
 * @param received       events from the peer stored here, since the node started
 * @param errors         refusals and rejections in either direction, and failed connections or syncs
 * @param lastError      the last of those, with its reason
 * @param unconfirmed    events streamed to the peer whose OK has not come yet
 * @param behindSince    since when the peer has been missing something of ours: the oldest
 *                       unconfirmed event, or a gap left to a reconciliation that has not run yet
 */
public record PeerStatus(String url, Direction direction, String filter, LinkState state, Optional<Instant> lastSyncAt,
                         Optional<SyncReport> lastSync, long sent, long received, long errors, String lastError,
                         int unconfirmed, Optional<Instant> behindSince) {

    /** Whole seconds the peer is behind this node at {@code now}; 0 when it has everything. */
    public long secondsBehind(Instant now) {
        return secondsBehind(behindSince, now);
    }

    /** Whole seconds from {@code since} to {@code now}; 0 when nothing is missing. */
    public static long secondsBehind(Optional<Instant> since, Instant now) {
        return since.map(t -> Math.max(0, now.getEpochSecond() - t.getEpochSecond())).orElse(0L);
    }
}
