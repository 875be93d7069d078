package mutual.engine.ingest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Whether the ingest pipeline can still take events. A thread of the pipeline (the writer, the
 * answering thread, the notifier) that dies of something it cannot handle records why here, and
 * the node stops pretending: {@code /healthz} turns unhealthy and whoever runs the node is told,
 * once, so that it can exit for a supervisor to restart it (issue 17: a writer killed by an
 * {@code OutOfMemoryError} used to leave a node that never acknowledged again, while healthy).
 */
final class Liveness {
    private static final System.Logger LOG = System.getLogger(Liveness.class.getName());

    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Records that {@code thread} died of {@code cause}; the first death is the one reported. */
    void died(String thread, Throwable cause) {
        String reason = "the ingest thread " + thread + " stopped: " + cause;
        if (!failure.compareAndSet(null, reason)) return;
        LOG.log(System.Logger.Level.ERROR, reason + "; the node can no longer store events", cause);
        for (Consumer<String> l : listeners) {
            try {
                l.accept(reason);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a failure listener failed", e);
            }
        }
    }

    /** Runs {@code task}, recording its death (anything thrown past it) as the pipeline's. */
    Runnable guarded(String thread, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                died(thread, t);
                throw t;
            }
        };
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    void onFailure(Consumer<String> listener) {
        listeners.add(listener);
        failure().ifPresent(listener);
    }
}
