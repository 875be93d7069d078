package mutual.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mutual.engine.ingest.Ingest;
import mutual.engine.relay.jetty.HttpReply;
import mutual.protocol.json.JsonOut;
import mutual.store.EventStore;

/**
 * {@code /healthz}: 503 the moment ingest cannot proceed (a dead or stuck writer or notifier) or
 * the store cannot be read; at once, as a health check needs, even when the store hangs (a
 * database whose network went silent): the store is asked on a thread of its own and given
 * {@link #PROBE_WAIT}, one question at a time, so that the probes of a store that hangs do not pile up.
 */
final class Health {
    /** How long /healthz waits for the store to count its events before it says the store is not answering. */
    static final Duration PROBE_WAIT = Duration.ofSeconds(2);

    private final Ingest ingest;
    private final EventStore store;
    /** The store's count in progress; guarded by this. */
    private CompletableFuture<Long> sizeProbe;

    Health(Ingest ingest, EventStore store) {
        this.ingest = ingest;
        this.store = store;
    }

    HttpReply reply() {
        Optional<String> ingestProblem = ingest.problem();
        if (ingestProblem.isPresent()) return unavailable("ingest", ingestProblem.get());
        long events;
        try {
            events = storeSize().get(PROBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return unavailable("store", "the store did not answer within " + PROBE_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return unavailable("store", "the store failed: " + Objects.requireNonNullElse(e.getCause().getMessage(), e.getCause().toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("store", "interrupted");
        }
        return new HttpReply(200, JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "ok");
            g.writeObjectFieldStart("store");
            g.writeStringField("status", "ok");
            g.writeNumberField("events", events);
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    private synchronized CompletableFuture<Long> storeSize() {
        if (sizeProbe == null || sizeProbe.isDone())
            sizeProbe = CompletableFuture.supplyAsync(store::approximateSize, r -> Thread.ofVirtual().name("mutual-health").start(r));
        return sizeProbe;
    }

    private static HttpReply unavailable(String part, String reason) {
        return new HttpReply(503, JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "unavailable");
            g.writeObjectFieldStart(part);
            g.writeStringField("status", "failing");
            g.writeStringField("reason", reason);
            g.writeEndObject();
            g.writeEndObject();
        }));
    }
}
