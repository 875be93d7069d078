package mutual.protocol.negentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;

/**
 * Time and bytes to reconcile two in-memory sets that differ by 1% in each direction, spread
 * evenly through the sorted order. Off by default; run with
 * {@code mvn -pl protocol test -Dtest=NegentropyBenchmarkTest -Dmutual.bench.negentropy=true}.
 * (For comparison, strfry reconciling 100,000-event sets: 0.44 s, 189 KB up, 1.15 MB down.)
 */
class NegentropyBenchmarkTest {
    @Test
    void reconcileOnePercentDifferencesEachWay() {
        assumeTrue(Boolean.getBoolean("mutual.bench.negentropy"), "benchmark off; set -Dmutual.bench.negentropy=true");
        System.out.println("items/side  frame-limit  rounds  up-bytes  down-bytes  largest-msg  have  need  median-ms (of 3, after warm-up)");
        for (int n : new int[] {100_000, 1_000_000}) {
            VectorStorage[] sets = sets(n, new SplittableRandom(n));
            for (int limit : new int[] {0, 60_000}) {
                Sync.run(sets[0], sets[1], limit, 100_000, false); // warm-up
                long[] ms = new long[3];
                Sync last = null;
                for (int r = 0; r < ms.length; r++) {
                    long t0 = System.nanoTime();
                    last = Sync.run(sets[0], sets[1], limit, 100_000, false);
                    ms[r] = (System.nanoTime() - t0) / 1_000_000;
                }
                Arrays.sort(ms);
                assertEquals(Sync.minus(sets[0], sets[1]).size(), last.have().size(), "have");
                assertEquals(Sync.minus(sets[1], sets[0]).size(), last.need().size(), "need");
                System.out.printf("%10d  %11d  %6d  %8d  %10d  %11d  %4d  %4d  %d%n", sets[0].size(), limit, last.rounds(),
                        last.bytesUp(), last.bytesDown(), last.largestMessage(), last.have().size(), last.need().size(), ms[1]);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) sets[0].fingerprint(i, sets[0].size() - i);
            System.out.printf("  whole-set fingerprint over %d items: %.1f µs%n", sets[0].size(), (System.nanoTime() - t0) / 1000 / 1000.0);
        }
    }

    /**
     * A union of n/0.99 items with Nostr-like timestamps (many ties), sorted; the client lacks
     * every 100th item and the server every 100th offset by 50, so each side holds n and each
     * lacks 1% of the other's.
     */
    static VectorStorage[] sets(int n, SplittableRandom rnd) {
        int union = (int) Math.ceil(n / 0.99);
        List<Item> all = new ArrayList<>(union);
        for (int i = 0; i < union; i++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            all.add(new Item(1_700_000_000L + rnd.nextInt(union), EventId.of(id)));
        }
        all.sort(null);
        VectorStorage.Builder client = VectorStorage.builder(), server = VectorStorage.builder();
        for (int i = 0; i < union; i++) {
            if (i % 100 != 0) client.add(all.get(i));
            if (i % 100 != 50) server.add(all.get(i));
        }
        return new VectorStorage[] {client.seal(), server.seal()};
    }
}
