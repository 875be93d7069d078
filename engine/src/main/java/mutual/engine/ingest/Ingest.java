package mutual.engine.ingest;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mutual.engine.metrics.RelayMetrics;
import mutual.protocol.event.EncodedEvent;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.KindClass;
import mutual.store.EventStore;
import mutual.store.StoredEvent;

/**
 * The one path every event takes into the node (docs/architecture.md, "The ingest path"): id and signature check
 * on a pool sized to the cores → the ordered policies → the single writer's group commit →
 * completion → listeners. Ephemeral events skip the store. Callers decode; this class never sees
 * JSON text. Every queue is bounded and a full one turns into a {@code rate-limited:} outcome.
 */
public final class Ingest implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Ingest.class.getName());

    private final List<Policy> policies;
    private final InstantSource clock;
    private final RelayMetrics metrics;
    private final ExecutorService verifiers;
    private final ThreadPoolExecutor notifier;
    private final Writer writer;
    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
    private final Liveness liveness = new Liveness();
    private volatile boolean closed;
    /** The number of the last committed batch whose new events every listener has heard. */
    private volatile long notified;
    /** A writer that has not turned its loop for this long while events wait is reported stuck. */
    static final java.time.Duration WRITER_PATIENCE = java.time.Duration.ofSeconds(30);

    private Ingest(EventStore store, List<Policy> policies, IngestConfig config, InstantSource clock, RelayMetrics metrics) {
        this.policies = List.copyOf(policies);
        this.clock = clock;
        this.metrics = metrics;
        this.verifiers = new ThreadPoolExecutor(config.verifyThreads(), config.verifyThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.verifyQueue()), Thread.ofPlatform().name("mutual-verify-", 0).daemon(true).factory());
        // One notifier keeps listeners in commit order; when it falls behind, the writer waits for it.
        this.notifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.notifyQueue()),
                Thread.ofPlatform().name("mutual-notify").daemon(true).factory(), (task, pool) -> {
                    try {
                        if (!pool.isShutdown()) pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        this.writer = new Writer(store, config, metrics, liveness, batch -> notifier.execute(liveness.guarded("mutual-notify", () -> {
            batch.fresh().forEach(a -> notify(a.event(), a.source()));
            notified = batch.number();
        })));
    }

    public static Ingest create(EventStore store, List<Policy> policies, IngestConfig config, InstantSource clock, RelayMetrics metrics) {
        return new Ingest(store, policies, config, clock, metrics);
    }

    public void addListener(IngestListener listener) {
        listeners.add(listener);
    }

    /**
     * Takes one decoded event through the pipeline. The future completes when the outcome is final:
     * for stored events, after the commit returned. It never completes exceptionally.
     */
    public CompletableFuture<Outcome> submit(Event event, Source source) {
        metrics.received(source.label());
        CompletableFuture<Outcome> result;
        if (closed) {
            result = CompletableFuture.completedFuture(new Outcome.Rejected(event.id(), Prefix.ERROR, "the node is shutting down"));
        } else if (liveness.failure().isPresent()) {
            result = CompletableFuture.completedFuture(new Outcome.Rejected(event.id(), Prefix.ERROR, "the node can no longer store events"));
        } else {
            try {
                result = CompletableFuture.supplyAsync(() -> admit(event, source), verifiers).thenCompose(o -> o);
            } catch (RejectedExecutionException full) {
                result = CompletableFuture.completedFuture(
                        new Outcome.Rejected(event.id(), Prefix.RATE_LIMITED, "the node is busy checking signatures; try again shortly"));
            }
        }
        return result.exceptionally(e -> {
            LOG.log(System.Logger.Level.ERROR, "ingest failed for " + event.id().hex(), e);
            return new Outcome.Rejected(event.id(), Prefix.ERROR, "internal error while taking this event");
        }).whenComplete((o, e) -> count(o));
    }

    /** Runs on a verifier thread: authenticity, then policies, then the hand-off. */
    private CompletableFuture<Outcome> admit(Event event, Source source) {
        // Made here, on all cores: the id check hashes its tags and content, the size policies judge
        // it, and the single writer stores it as it is.
        EncodedEvent encoded = EventJson.encode(event);
        Optional<String> problem = EventCheck.problem(event, encoded.canonicalHash());
        if (problem.isPresent()) return done(new Outcome.Rejected(event.id(), Prefix.INVALID, problem.get()));
        byte[] json = encoded.json();
        Candidate candidate = new Candidate(event, source, clock.instant(), json.length);
        for (Policy p : policies) {
            Verdict v;
            try {
                v = p.check(candidate);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "policy " + p.name() + " failed; rejecting", e);
                v = Verdict.reject(Prefix.ERROR, "could not check this event (" + p.name() + ")");
            }
            switch (v) {
                case Verdict.Accept a -> {}
                case Verdict.Reject r -> { return done(new Outcome.Rejected(event.id(), r.prefix(), r.reason())); }
                case Verdict.ShadowReject s -> { return done(new Outcome.Shadowed(event.id())); }
            }
        }
        if (event.kindClass() == KindClass.EPHEMERAL) {
            notifier.execute(liveness.guarded("mutual-notify", () -> notify(event, source)));
            return done(new Outcome.Broadcast(event.id()));
        }
        CompletableFuture<Outcome> stored = new CompletableFuture<>();
        if (!writer.offer(new Writer.Write(new StoredEvent(event, json), source, stored)))
            return done(new Outcome.Rejected(event.id(), closed ? Prefix.ERROR : Prefix.RATE_LIMITED,
                    closed ? "the node is shutting down" : "the node is busy writing; try again shortly"));
        return stored;
    }

    /**
     * Hands events that are already stored (by another process on the same data folder) to the
     * listeners, after those of every batch committed so far, as if this node had taken them.
     */
    public void announce(List<Event> events, Source source) {
        if (!events.isEmpty()) notifier.execute(liveness.guarded("mutual-notify", () -> events.forEach(e -> notify(e, source))));
    }

    /**
     * Why the pipeline cannot take events now, if it cannot: one of its threads died, or the
     * writer has been stuck with events waiting for longer than {@link #WRITER_PATIENCE}.
     */
    public Optional<String> problem() {
        if (closed) return Optional.empty();
        Optional<String> failure = liveness.failure();
        if (failure.isPresent()) return failure;
        if (!writer.alive()) return Optional.of("the ingest writer is not running");
        return writer.stuckFor(WRITER_PATIENCE).map(d -> "the ingest writer has not taken a job for " + d.toSeconds() + " s while events wait");
    }

    /**
     * Batches committed so far. An event a reader can see was committed in batch
     * {@code batchesCommitted() + 1} at the latest (the count follows the commit by a moment); once
     * {@link #batchesNotified()} reaches that, listeners have heard it, and never will again.
     */
    public long batchesCommitted() {
        return writer.committed();
    }

    /** The last committed batch whose new events every listener has heard. */
    public long batchesNotified() {
        return notified;
    }

    /** Tells {@code listener}, once, when a thread of the pipeline dies: the node can no longer store events. */
    public void onFailure(java.util.function.Consumer<String> listener) {
        liveness.onFailure(listener);
    }

    /** Runs {@code work} on the writer thread, between batches (store maintenance). */
    public <T> CompletableFuture<T> onWriter(Function<EventStore, T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (!writer.offer(new Writer.Task<>(work, done)))
            done.completeExceptionally(new IllegalStateException("the writer is busy or closed"));
        return done;
    }

    private void notify(Event event, Source source) {
        for (IngestListener l : listeners) {
            try {
                l.onAccepted(event, source);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener " + l + " failed", e);
            }
        }
    }

    private void count(Outcome o) {
        if (o == null) return;
        switch (o) {
            case Outcome.Rejected r -> metrics.rejected(r.prefix().wire());
            case Outcome.Stored s -> metrics.accepted("stored");
            case Outcome.Broadcast b -> metrics.accepted("ephemeral");
            case Outcome.AlreadyHave a -> metrics.accepted("duplicate");
            case Outcome.Shadowed s -> metrics.accepted("shadowed");
        }
    }

    private static CompletableFuture<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    /** Stops taking events, lets the writer commit what it has, then lets listeners finish. */
    @Override
    public void close() {
        closed = true;
        verifiers.shutdown();
        try {
            verifiers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        notifier.shutdown();
        try {
            notifier.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
