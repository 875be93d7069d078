package mutual.engine.copy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import mutual.engine.ingest.Ingest;
import mutual.engine.ingest.IngestConfig;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.metrics.RelayMetrics;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.store.EventStore;
import mutual.store.StoreException;
import mutual.store.StoredEvent;

/**
 * Copies a node's events from one store to another (SQLite to PostgreSQL, or back) through the
 * ingest path, so that the destination admits exactly what a node with the given policies would:
 * every id and signature checked again, every policy applied, the destination's own rules
 * (replacement, deletions, vanish) applied as events arrive. Events go oldest first, a chunk at a
 * time; after each chunk is durable its last position is handed to the caller, and a copy started
 * after that position continues where an interrupted one stopped.
 */
public final class StoreCopy {
    /** Events in flight at once; the ingest queues are larger, so none is refused for backpressure. */
    static final int CHUNK = 512;
    private static final Source SOURCE = new Source.Local("store copy");

    /** Where a copy got to: every event up to this one (oldest first) has its final outcome. */
    public record Position(long createdAt, EventId id) {}

    /** Events handled so far and what became of them. */
    public record Counts(long done, long stored, long duplicate, long refused, long invalid) {
        Counts plus(Outcome o) {
            return switch (o) {
                case Outcome.Stored s -> new Counts(done + 1, stored + 1, duplicate, refused, invalid);
                case Outcome.AlreadyHave a -> new Counts(done + 1, stored, duplicate + 1, refused, invalid);
                case Outcome.Rejected r when r.prefix() == Prefix.INVALID -> new Counts(done + 1, stored, duplicate, refused, invalid + 1);
                case Outcome.Rejected r -> new Counts(done + 1, stored, duplicate, refused + 1, invalid);
                case Outcome.Shadowed s -> new Counts(done + 1, stored, duplicate, refused + 1, invalid);
                case Outcome.Broadcast b -> new Counts(done + 1, stored, duplicate, refused + 1, invalid);
            };
        }
    }

    /** How a copy ended: {@code complete} unless stopped; the last position reached. */
    public record Summary(Counts counts, boolean complete, Optional<Position> reached, Duration took) {}

    private final EventStore from;
    private final EventStore to;
    private final List<Policy> policies;
    private final InstantSource clock;
    private volatile Counts counts = new Counts(0, 0, 0, 0, 0);
    private volatile boolean stopping;

    private StoreCopy(EventStore from, EventStore to, List<Policy> policies, InstantSource clock) {
        this.from = from;
        this.to = to;
        this.policies = List.copyOf(policies);
        this.clock = clock;
    }

    public static StoreCopy create(EventStore from, EventStore to, List<Policy> policies, InstantSource clock) {
        return new StoreCopy(from, to, policies, clock);
    }

    /** Events handled so far (callable from any thread). */
    public Counts counts() {
        return counts;
    }

    /** Asks a running copy to stop after the chunk in flight; {@link #run} then returns. */
    public void stop() {
        stopping = true;
    }

    /**
     * Copies every event after {@code after} (all when empty); {@code reached} is told each
     * position whose events are all durable in the destination.
     *
     * @throws StoreException when the destination fails to store a chunk (nothing after the last reported position is assumed)
     */
    public Summary run(Optional<Position> after, Consumer<Position> reached) {
        long start = System.nanoTime();
        int queue = CHUNK * 4;
        Ingest ingest = Ingest.create(to, policies, new IngestConfig(Runtime.getRuntime().availableProcessors(), queue, queue, 256, 8 << 20, queue),
                clock, RelayMetrics.create(new SimpleMeterRegistry()));
        List<StoredEvent> chunk = new ArrayList<>(CHUNK);
        Position[] last = {after.orElse(null)};
        try {
            from.scan(after.map(Position::createdAt).orElse(0L), Long.MAX_VALUE, e -> {
                if (stopping) throw new Stopped();
                if (after.isPresent() && e.createdAt() == after.get().createdAt() && Arrays.compareUnsigned(e.id().raw(), after.get().id().raw()) <= 0) return;
                chunk.add(e);
                if (chunk.size() == CHUNK) {
                    last[0] = take(ingest, chunk);
                    reached.accept(last[0]);
                    chunk.clear();
                }
            });
            if (!chunk.isEmpty()) {
                last[0] = take(ingest, chunk);
                reached.accept(last[0]);
            }
        } catch (Stopped s) {
            // the chunk in flight was finished; what follows is left for the next run
        } finally {
            ingest.close();
        }
        return new Summary(counts, !stopping, Optional.ofNullable(last[0]), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Submits a chunk and waits for every outcome; returns the position of its last event. */
    private Position take(Ingest ingest, List<StoredEvent> chunk) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(chunk.size());
        for (StoredEvent e : chunk) outcomes.add(ingest.submit(e.event(), SOURCE));
        Counts c = counts;
        for (CompletableFuture<Outcome> f : outcomes) {
            Outcome o;
            try {
                o = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("the copy was interrupted", e);
            } catch (ExecutionException e) {
                throw new StoreException("copying an event failed: " + e.getCause(), e.getCause());
            }
            // The destination failing, or a full queue, is not a verdict on the event: stop before the checkpoint moves.
            if (o instanceof Outcome.Rejected r && (r.prefix() == Prefix.ERROR || r.prefix() == Prefix.RATE_LIMITED))
                throw new StoreException("the destination did not take event " + r.id().hex() + ": " + r.message());
            c = c.plus(o);
        }
        counts = c;
        Event lastEvent = chunk.getLast().event();
        return new Position(lastEvent.createdAt(), lastEvent.id());
    }

    /** Thrown inside the scan to end it when asked to stop. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
