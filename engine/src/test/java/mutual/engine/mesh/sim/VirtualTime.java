package mutual.engine.mesh.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import mutual.engine.mesh.Timer;

/**
 * Virtual time: one queue of tasks ordered by (due time, sequence number), run one at a time on
 * the calling thread. Nothing sleeps and no clock is read; time jumps from one task to the next,
 * so a simulated hour takes as long as the work done in it. Tasks due at the same millisecond
 * run in the order they were scheduled, which keeps a run a pure function of its seed.
 *
 * <p>A task that throws ends the run: in the simulation an exception escaping a callback is a
 * bug (of the mesh or of the simulation), not something to log and carry on from.
 */
final class VirtualTime implements Timer {
    /** Virtual time zero: an arbitrary instant, so event timestamps look like real ones. */
    static final Instant EPOCH = Instant.ofEpochSecond(1_750_000_000L);

    private static final class Task {
        final long at;
        final long seq;
        final Runnable work;
        boolean cancelled;

        Task(long at, long seq, Runnable work) {
            this.at = at;
            this.seq = seq;
            this.work = work;
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final long maxTasks;
    private long now;
    private long seq;
    private long executed;

    /** @param maxTasks a run doing more work than this is taken to be looping and is ended */
    VirtualTime(long maxTasks) {
        this.maxTasks = maxTasks;
    }

    @Override
    public Instant now() {
        return EPOCH.plusMillis(now);
    }

    /** Milliseconds since {@link #EPOCH}. */
    long millis() {
        return now;
    }

    /** Whole seconds since the Unix epoch, as event timestamps count. */
    long epochSecond() {
        return now().getEpochSecond();
    }

    @Override
    public Cancel schedule(Duration delay, Runnable task) {
        Task t = enqueue(now + Math.max(0, delay.toMillis()), task);
        return () -> t.cancelled = true;
    }

    /** Runs {@code task} after {@code delayMillis} of virtual time. */
    void after(long delayMillis, Runnable task) {
        enqueue(now + Math.max(0, delayMillis), task);
    }

    /** Runs {@code task} at virtual time {@code atMillis} (now, if that has passed). */
    void at(long atMillis, Runnable task) {
        enqueue(Math.max(now, atMillis), task);
    }

    private Task enqueue(long at, Runnable work) {
        Task t = new Task(at, seq++, work);
        queue.add(t);
        return t;
    }

    /** Runs every task due up to {@code untilMillis}, then sets the time to it. */
    void runUntil(long untilMillis) {
        while (!queue.isEmpty() && queue.peek().at <= untilMillis) {
            Task t = queue.poll();
            if (t.cancelled) continue;
            now = t.at;
            if (++executed > maxTasks)
                throw new IllegalStateException("more than " + maxTasks + " tasks by virtual time " + now + " ms: the simulation looks stuck in a loop");
            try {
                t.work.run();
            } catch (RuntimeException | Error e) {
                throw new IllegalStateException("a task failed at virtual time " + now + " ms: " + e, e);
            }
        }
        now = Math.max(now, untilMillis);
    }

    /** Tasks run so far. */
    long executed() {
        return executed;
    }
}
