package mutual.engine.ingest;

import java.time.Instant;
import mutual.protocol.event.Event;

/**
 * An authentic event waiting for admission: what every policy sees. {@code received} comes from
 * the node's injected clock, so policies never read the time themselves.
 */
public record Candidate(Event event, Source source, Instant received, int serializedBytes) {
    /** The receive time in whole seconds, the unit of {@code created_at}. */
    public long nowSeconds() {
        return received.getEpochSecond();
    }
}
