package mutual.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.event.Event;

/** This machine's raw libsecp256k1 Schnorr verification rate, the yardstick for every other figure. */
record VerifyRate(double perCore, double allCores) {
    static VerifyRate measure(List<Event> events, Duration each) {
        double one = rate(events, 1, each);
        double all = rate(events, Runtime.getRuntime().availableProcessors(), each);
        return new VerifyRate(one, all);
    }

    private static double rate(List<Event> events, int threads, Duration d) {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + d.toNanos();
        long start = System.nanoTime();
        IntStream.range(0, threads).parallel().forEach(t -> {
            long n = 0;
            for (int i = t; System.nanoTime() < end; i = (i + threads) % events.size()) {
                Event e = events.get(i);
                if (!Schnorr.verify(e.id().raw(), e.sig(), e.pubkey())) throw new IllegalStateException("bad benchmark event");
                n++;
            }
            done.addAndGet(n);
        });
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
