package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;

/** Queries from many threads while the writer commits: no busy errors, and each answer is a consistent snapshot. */
class ConcurrencyTest extends StoreContract {

    @Test
    void readersRunWhileTheWriterCommits() throws Exception {
        Fixture fx = new Fixture(12);
        SecretKey alice = fx.key();
        List<List<Event>> batches = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 25; i++) batch.add(event(alice, 1, NOW - 10_000 + b, "b" + b + " i" + i, tag("t", "b" + b)));
            batches.add(batch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicBoolean done = new AtomicBoolean();
        try (EventStore s = store(dir)) {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (!done.get() || reads == 0) {
                        // A batch is one transaction: a reader sees all 25 events of a batch or none.
                        List<Event> got = s.query(List.of(filter().build()), Viewer.anonymous(), 100_000);
                        assertEquals(0, got.size() % 25, "a reader saw half a batch");
                        long n = s.count(List.of(filter().kinds(1).build()), Viewer.anonymous());
                        assertTrue(n >= got.size() && n % 25 == 0);
                        reads++;
                    }
                    return reads;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (List<Event> b : batches) s.write(b);
                done.set(true);
            });
            writer.get();
            for (Future<Integer> r : readers) assertTrue(r.get() > 0);
            assertEquals(1000, s.size());
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }
}
