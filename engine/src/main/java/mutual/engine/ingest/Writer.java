package mutual.engine.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import mutual.engine.metrics.RelayMetrics;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import mutual.store.StoreException;
import mutual.store.StoredEvent;
import mutual.store.WriteOutcome;

/**
 * The single thread that writes to the store (strfry's model): it drains its queue and commits
 * everything waiting (up to a batch limit) in one transaction. A second thread waits until the
 * commit is on disk ({@link EventStore#sync}), completes each event's future and hands the new
 * events to the notifier, while the writer commits the next batch. Store maintenance (the NIP-40
 * purge) runs on the writer too, so the store only ever sees one writer; so does the work the
 * store put off from its commits ({@link EventStore#catchUp}), whenever no batch waits.
 */
final class Writer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Writer.class.getName());
    /** Events of put-off work done at a time while idle: a batch that arrives meanwhile waits for at most one step. */
    static final int CATCH_UP_STEP = 500;
    /** After put-off work fails, the writer leaves it alone this long rather than failing every poll. */
    private static final long CATCH_UP_PAUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    sealed interface Job {}

    /** An event with its stored JSON, made on a verifier thread (see {@link EventStore#writeEncoded}). */
    record Write(StoredEvent stored, Source source, CompletableFuture<Outcome> done) implements Job {
        Event event() {
            return stored.event();
        }

        int bytes() {
            return stored.json().length;
        }
    }

    record Task<T>(Function<EventStore, T> work, CompletableFuture<T> done) implements Job {
        void run(EventStore store) {
            try {
                done.complete(work.apply(store));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    /** An event the store newly took, for listeners. */
    record Accepted(Event event, Source source) {}

    /** The {@code number}th batch committed (counting from 1), with the events it newly stored. */
    record Committed(long number, List<Accepted> fresh) {}

    private final EventStore store;
    private final IngestConfig config;
    private final RelayMetrics metrics;
    private final Consumer<Committed> notify;
    /** Batches committed so far; visible to readers once counted. */
    private volatile long committed;
    private final BlockingQueue<Job> queue;
    private final Thread thread;
    private final ThreadPoolExecutor answering;
    private final Liveness liveness;
    private volatile boolean closing;
    /** {@link System#nanoTime} of the writer's last turn of its loop: a writer that stops turning while jobs wait is stuck. */
    private volatile long lastTurn = System.nanoTime();
    /** {@link System#nanoTime} before which the writer does no put-off work (after a failure). */
    private long catchUpAfter = System.nanoTime();

    Writer(EventStore store, IngestConfig config, RelayMetrics metrics, Liveness liveness, Consumer<Committed> notify) {
        this.liveness = liveness;
        this.store = store;
        this.config = config;
        this.metrics = metrics;
        this.notify = notify;
        this.queue = new ArrayBlockingQueue<>(config.writerQueue());
        // One thread answers batches in commit order; when it falls behind, the writer waits for it.
        this.answering = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                Thread.ofPlatform().name("mutual-answer").daemon(true).factory(), (task, pool) -> {
                    try {
                        if (!pool.isShutdown()) pool.getQueue().put(task);
                        else task.run(); // closing: answer on this thread rather than never
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        this.thread = Thread.ofPlatform().name("mutual-writer").daemon(true).unstarted(this::runUntilDeath);
        thread.start();
    }

    /** Queues a job; false when the queue is full or the writer is closing. Never blocks. */
    boolean offer(Job job) {
        return !closing && queue.offer(job);
    }

    /**
     * The loop, and what follows its death by something unexpected (an Error): every waiting event
     * is refused rather than left without an answer, and the pipeline is marked dead.
     */
    private void runUntilDeath() {
        try {
            run();
        } catch (Throwable t) {
            closing = true;
            liveness.died(thread.getName(), t);
            refuse(batch, "the node can no longer store events");
            refuseQueued("the node can no longer store events");
        }
    }

    /**
     * How long the writer has not turned its loop while jobs wait, when that is over {@code patience}:
     * it is stuck (a commit that never returns, or a full answering queue that never drains).
     */
    Optional<java.time.Duration> stuckFor(java.time.Duration patience) {
        java.time.Duration idle = java.time.Duration.ofNanos(System.nanoTime() - lastTurn);
        if (queue.isEmpty() || idle.compareTo(patience) <= 0) return Optional.empty();
        return Optional.of(idle);
    }

    /** How many batches have been committed (and are visible to readers), counting since start. */
    long committed() {
        return committed;
    }

    boolean alive() {
        return thread.isAlive() || closing;
    }

    /** The batch being written; only the writer thread touches it, and its death handler after it. */
    private final List<Write> batch = new ArrayList<>();

    private void run() {
        while (true) {
            lastTurn = System.nanoTime();
            Job first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (closing && queue.isEmpty()) return;
                catchUpWhileIdle();
                continue;
            }
            switch (first) {
                case Task<?> t -> t.run(store);
                case Write w -> {
                    batch.add(w);
                    long bytes = w.bytes();
                    while (batch.size() < config.maxBatchEvents() && bytes < config.maxBatchBytes()
                            && queue.peek() instanceof Write next) {
                        queue.poll();
                        batch.add(next);
                        bytes += next.bytes();
                    }
                    commit(batch);
                    batch.clear();
                }
            }
        }
    }

    /** Put-off store work, a step at a time, until it is done or a job arrives. */
    private void catchUpWhileIdle() {
        if (System.nanoTime() - catchUpAfter < 0) return;
        try {
            while (queue.isEmpty() && !closing && store.catchUp(CATCH_UP_STEP) > 0) {
                // the next step, unless a job came meanwhile
            }
        } catch (RuntimeException e) {
            catchUpAfter = System.nanoTime() + CATCH_UP_PAUSE_NANOS;
            LOG.log(System.Logger.Level.WARNING, "the store's put-off work failed; trying again in 30 s: " + e.getMessage());
        }
    }

    private void commit(List<Write> batch) {
        long t0 = System.nanoTime();
        List<WriteOutcome> outcomes = writeIsolatingFailures(batch);
        long number = ++committed; // the only writer of the count: this thread
        metrics.batch(batch.size(), System.nanoTime() - t0);
        List<Accepted> fresh = new ArrayList<>();
        List<Write> written = List.copyOf(batch);
        List<Outcome> answers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Write w = batch.get(i);
            WriteOutcome o = outcomes.get(i);
            answers.add(toOutcome(w, o));
            if (o instanceof WriteOutcome.Stored) fresh.add(new Accepted(w.event(), w.source()));
        }
        // The answering thread waits for the disk (one sync covers every batch committed before it
        // starts), then runs what waits on the futures (each OK's encoding and socket write):
        // meanwhile this thread writes the next batch. Nothing is answered or sent to live
        // subscribers before it is durable.
        answering.execute(liveness.guarded("mutual-answer", () -> answerOrRefuse(written, () -> {
            Optional<String> unsynced = syncQuietly();
            if (unsynced.isEmpty()) {
                for (int i = 0; i < written.size(); i++) written.get(i).done().complete(answers.get(i));
                notify.accept(new Committed(number, fresh));
            } else {
                refuse(written, "the store could not make this event durable: " + unsynced.get());
                notify.accept(new Committed(number, List.of()));
            }
        })));
    }

    /** Runs {@code answer}; if it dies, the batch's events are refused rather than left unanswered. */
    private static void answerOrRefuse(List<Write> written, Runnable answer) {
        try {
            answer.run();
        } catch (Throwable t) {
            refuse(written, "the node can no longer store events");
            throw t;
        }
    }

    /** Answers each write with {@code error:} and the reason, unless it was answered already. */
    private static void refuse(List<Write> writes, String reason) {
        for (Write w : writes) w.done().complete(new Outcome.Rejected(w.event().id(), Prefix.ERROR, reason));
    }

    private Optional<String> syncQuietly() {
        try {
            long t0 = System.nanoTime();
            store.sync();
            metrics.sync(System.nanoTime() - t0);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "syncing the store failed; its last commits are not acknowledged", e);
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** One transaction for the batch; if it fails, each event alone, so one bad event cannot sink the others. */
    private List<WriteOutcome> writeIsolatingFailures(List<Write> batch) {
        List<StoredEvent> events = batch.stream().map(Write::stored).toList();
        try {
            List<WriteOutcome> out = store.writeDeferred(events);
            if (out.size() != events.size())
                throw new IllegalStateException("store returned " + out.size() + " outcomes for " + events.size() + " events");
            return out;
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) return java.util.Collections.singletonList(null);
            if (batchFailure instanceof StoreException s && s.unreachable()) {
                // No event could be written now: trying each alone would only keep them all waiting longer.
                LOG.log(System.Logger.Level.WARNING, "batch of " + batch.size() + " failed, the store is unreachable: " + batchFailure.getMessage());
                return java.util.Collections.nCopies(batch.size(), null);
            }
            LOG.log(System.Logger.Level.WARNING, "batch of " + batch.size() + " failed, writing one by one: " + batchFailure);
            List<WriteOutcome> out = new ArrayList<>(batch.size());
            for (StoredEvent e : events) {
                try {
                    out.add(store.writeDeferred(List.of(e)).get(0));
                } catch (RuntimeException single) {
                    out.add(null);
                }
            }
            return out;
        }
    }

    /** {@code o} is null when the store failed to write this event. */
    private static Outcome toOutcome(Write w, WriteOutcome o) {
        var id = w.event().id();
        if (o == null) return new Outcome.Rejected(id, Prefix.ERROR, "the store could not save this event");
        return switch (o) {
            case WriteOutcome.Stored s -> new Outcome.Stored(id, s.replaced());
            case WriteOutcome.Duplicate d -> new Outcome.AlreadyHave(id, "already have this event");
            case WriteOutcome.Superseded s -> new Outcome.AlreadyHave(id, "a newer version of this event exists");
            case WriteOutcome.Deleted d -> new Outcome.Rejected(id, Prefix.BLOCKED, d.reason());
            case WriteOutcome.Ephemeral e -> new Outcome.Broadcast(id);
        };
    }

    /** Stops taking jobs, commits what is queued, and fails whatever slipped in after the thread ended. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
            answering.shutdown();
            answering.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refuseQueued("the node is shutting down");
    }

    private void refuseQueued(String reason) {
        Job left;
        while ((left = queue.poll()) != null) {
            switch (left) {
                case Write w -> w.done().complete(new Outcome.Rejected(w.event().id(), Prefix.ERROR, reason));
                case Task<?> t -> t.done().completeExceptionally(new IllegalStateException(reason));
            }
        }
    }
}
