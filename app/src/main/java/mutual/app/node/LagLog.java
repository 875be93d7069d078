package mutual.app.node;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mutual.engine.mesh.PeerStatus;

/**
 * Says in the node's log when a peer falls behind (events not yet confirmed, or seconds since the
 * oldest of them), at most once a minute per peer, and once when it has caught up again.
 */
final class LagLog {
    private static final System.Logger LOG = System.getLogger(LagLog.class.getName());
    static final long BEHIND_SECONDS = 30;
    static final int UNCONFIRMED = 1000;
    static final Duration EVERY = Duration.ofMinutes(1);

    /** Peers reported behind, with when that was last said. */
    private final Map<String, Instant> warned = new HashMap<>();

    void check(List<PeerStatus> peers, Instant now) {
        for (PeerStatus p : peers) {
            long behind = p.secondsBehind(now);
            boolean lagging = behind >= BEHIND_SECONDS || p.unconfirmed() >= UNCONFIRMED;
            Instant last = warned.get(p.url());
            if (lagging && (last == null || !now.isBefore(last.plus(EVERY)))) {
                warned.put(p.url(), now);
                LOG.log(System.Logger.Level.WARNING, "peer " + p.url() + " is " + behind + " s behind this node, with " + p.unconfirmed()
                        + " events streamed and not yet confirmed; the link is " + p.state().label()
                        + (p.lastError().isEmpty() ? "" : "; last error: " + p.lastError()));
            } else if (!lagging && last != null) {
                warned.remove(p.url());
                LOG.log(System.Logger.Level.INFO, "peer " + p.url() + " has caught up");
            }
        }
        warned.keySet().retainAll(peers.stream().map(PeerStatus::url).toList());
    }
}
