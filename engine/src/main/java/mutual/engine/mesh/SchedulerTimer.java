package mutual.engine.mesh;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The mesh's time on a real node: the system clock and one scheduler thread. */
public final class SchedulerTimer implements Timer {
    private static final System.Logger LOG = System.getLogger(SchedulerTimer.class.getName());
    private final ScheduledExecutorService executor;
    private final InstantSource clock;

    public SchedulerTimer(ScheduledExecutorService executor, InstantSource clock) {
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancel schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "mesh task failed", e);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            return () -> {};
        }
    }
}
