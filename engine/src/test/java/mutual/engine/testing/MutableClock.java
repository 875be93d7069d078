package mutual.engine.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, so time-dependent rules (expiry, rate limits, AUTH windows) repeat exactly. */
public final class MutableClock implements InstantSource {
    public static final long START = 1_750_000_000L;

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static MutableClock atStart() {
        return new MutableClock(Instant.ofEpochSecond(START));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public long seconds() {
        return now.get().getEpochSecond();
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }
}
