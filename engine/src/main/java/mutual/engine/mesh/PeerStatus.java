package mutual.engine.mesh;

import java.time.Instant;
import java.util.Optional;

/**
 * How replication with one peer stands, for {@code mutual peer list} and the logs.
 *
 * @param state      connecting, syncing, live (streaming between syncs), waiting (backing off after a failure) or stopped
 * @param lastSync   when the last reconciliation finished, and what it did
 * @param sent       events the peer accepted from this node, since the node started
 * @param received   events from the peer stored here, since the node started
 * @param errors     refusals and rejections in either direction, and failed connections or syncs
 * @param lastError  the last of those, with its reason
 */
public record PeerStatus(String url, Direction direction, String filter, String state, Optional<Instant> lastSyncAt,
                         Optional<SyncReport> lastSync, long sent, long received, long errors, String lastError) {}
