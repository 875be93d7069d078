package mutual.engine.mesh.sim;

import java.util.Map;
import java.util.TreeMap;
import mutual.engine.ingest.Source;
import mutual.protocol.event.EventId;

/**
 * Every event an honest node acknowledged (its submit completed as stored or already held), with
 * the first acknowledgement. An acknowledgement promises durability, so each of these events
 * must be on every honest node once the network has healed.
 */
final class Ledger {
    record Ack(String node, String source, long atMillis) {}

    private final Map<EventId, Ack> acked = new TreeMap<>();

    void acked(String node, EventId id, Source source, long atMillis) {
        acked.putIfAbsent(id, new Ack(node, source.label(), atMillis));
    }

    Map<EventId, Ack> all() {
        return acked;
    }
}
