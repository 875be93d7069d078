package mutual.engine.ingest;

import mutual.protocol.event.Event;

/**
 * Observes events the node newly took in: stored ones after their commit, ephemeral ones after
 * admission. Live subscriptions, the aid indexer and sync peers listen here. Called from one
 * notifier thread in commit order; a listener that throws is logged and does not affect others.
 */
@FunctionalInterface
public interface IngestListener {
    void onAccepted(Event event, Source source);
}
