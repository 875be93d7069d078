package mutual.engine.mesh;

import java.util.Locale;

/** Where a {@link PeerLink} stands; {@link #label()} is what {@code mutual peer list} shows. */
public enum LinkState {
    /** Opening the connection. */
    CONNECTING,
    /** Connected and reconciling; new events already stream both ways. */
    SYNCING,
    /** Connected, reconciled, streaming new events between reconciliations. */
    LIVE,
    /** Backing off after a failure before connecting again. */
    WAITING,
    /** Removed from the configuration or the node is stopping. */
    STOPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the link is doing its job: streaming, or reconciling on a connection. */
    public boolean working() {
        return this == LIVE || this == SYNCING;
    }
}
