package mutual.engine.mesh;

import java.time.Duration;
import java.time.Instant;

/** Time for the mesh: the real clock and a scheduler on a node, virtual time in the simulation. */
public interface Timer {
    Instant now();

    /** Runs {@code task} after {@code delay}; the returned handle cancels it. */
    Cancel schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancel {
        void cancel();
    }
}
