package mutual.protocol.negentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two random sets with random overlaps (seeded, so failures repeat) reconcile to exactly their
 * set differences, with and without frame size limits, and every message respects the limit.
 */
class RandomisedReconciliationTest {
    /** Where each item of the union goes: client only, server only, or both. */
    record Shape(String name, double clientOnly, double serverOnly, int timestampSpread) {}

    static final List<Shape> SHAPES = List.of(
            new Shape("mostly shared", 0.01, 0.01, 1_000_000),
            new Shape("half differs", 0.25, 0.25, 1_000_000),
            new Shape("client holds everything", 1.0, 0.0, 1_000_000),
            new Shape("server holds everything", 0.0, 1.0, 1_000_000),
            new Shape("identical", 0.0, 0.0, 1_000_000),
            new Shape("many equal timestamps", 0.05, 0.05, 3));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (int size : new int[] {0, 1, 10, 10_000}) {
            for (Shape shape : SHAPES) {
                for (int limit : new int[] {0, 4096, 60_000}) out.add(Arguments.of(size, shape, limit, seed++));
            }
        }
        for (int limit : new int[] {0, 4096, 60_000}) {
            out.add(Arguments.of(100_000, SHAPES.get(0), limit, seed++));
            out.add(Arguments.of(100_000, SHAPES.get(5), limit, seed++));
        }
        out.add(Arguments.of(100_000, SHAPES.get(1), 60_000, seed++));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} items, {1}, frame size limit {2}, seed {3}")
    @MethodSource("cases")
    void reconcilesToTheTrueSetDifferences(int size, Shape shape, int limit, long seed) {
        VectorStorage[] sets = split(size, shape, new SplittableRandom(seed));
        assertTrueDifferences(sets, Sync.run(sets[0], sets[1], limit, 10_000), limit);
    }

    /** The same with the initiator paced (as a node's peer sync runs it): pacing may only change the bytes. */
    @ParameterizedTest(name = "paced: {0} items, {1}, frame size limit {2}, seed {3}")
    @MethodSource("cases")
    void pacedReconcilesToTheTrueSetDifferences(int size, Shape shape, int limit, long seed) {
        VectorStorage[] sets = split(size, shape, new SplittableRandom(seed));
        int pace = seed % 2 == 0 ? 4_000 : 12_000;
        assertTrueDifferences(sets, Sync.run(sets[0], sets[1], limit, limit, pace, 10_000, true), limit);
    }

    /** Exactly the set differences, every message within the limit, and without one each id reported once. */
    private static void assertTrueDifferences(VectorStorage[] sets, Sync sync, int limit) {
        assertEquals(Sync.minus(sets[0], sets[1]), sync.have(), "have");
        assertEquals(Sync.minus(sets[1], sets[0]), sync.need(), "need");
        if (limit > 0) assertTrue(sync.largestMessage() <= limit, "a message of " + sync.largestMessage() + " bytes");
        if (limit == 0) {
            assertEquals(sync.have().size(), sync.haveReports(), "without a frame limit each id is reported once");
            assertEquals(sync.need().size(), sync.needReports());
        }
    }

    /**
     * The shape of {@code mutual bench sync}: 100,000 events each, 1,000 only on each side spread
     * evenly, timestamps as the relay benchmark's Workload makes them (pairs share one), plus
     * 10,000 warm-up events on both; the answering node cuts its replies at 200,000 bytes (the
     * relay's limit). Unpaced, each cut coalesces the rest and the client describes it again
     * down to 24-item ranges most of which the server never reaches: 238,139 bytes up in 6
     * rounds. Paced at 12,000 bytes: 86,809 up (and 730,793 down instead of 611,771) in 8 rounds.
     */
    @Test
    void pacingCutsTheBytesUpOnTheBenchShape() {
        VectorStorage.Builder a = VectorStorage.builder(), b = VectorStorage.builder();
        SplittableRandom rnd = new SplittableRandom(5);
        long base = 1_764_000_000L / 86_400 * 86_400 - 60;
        for (int n = 0; n < 111_000; n++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            Item item = new Item(base - (n % 86_400) - n / 100, EventId.of(id));
            if (n >= 101_000 || n % 101 != 1) a.add(item);
            if (n >= 101_000 || n % 101 != 0) b.add(item);
        }
        VectorStorage client = a.seal(), server = b.seal();
        Sync plain = Sync.run(client, server, 200_000, 200_000, 0, 100, true);
        Sync paced = Sync.run(client, server, 200_000, 200_000, 12_000, 100, true);
        for (Sync s : List.of(plain, paced)) {
            assertEquals(Sync.minus(client, server), s.have());
            assertEquals(Sync.minus(server, client), s.need());
        }
        assertEquals(238_139, plain.bytesUp(), "unpaced, as measured");
        assertTrue(paced.bytesUp() < 100_000, paced.bytesUp() + " bytes up paced");
        assertTrue(paced.bytesDown() < 800_000 && paced.rounds() <= 10, paced.bytesDown() + " bytes down paced in " + paced.rounds() + " rounds");
    }

    @Test
    void identicalSetsNeedOneRoundAndOnlyFingerprints() {
        VectorStorage[] sets = split(10_000, SHAPES.get(4), new SplittableRandom(99));
        Sync sync = Sync.run(sets[0], sets[1], 0, 10);
        assertEquals(1, sync.rounds());
        assertTrue(sync.bytesUp() < 600 && sync.bytesDown() == 1, sync.bytesUp() + " up, " + sync.bytesDown() + " down");
    }

    /** [client set, server set] drawn from one random union. */
    static VectorStorage[] split(int size, Shape shape, SplittableRandom rnd) {
        VectorStorage.Builder client = VectorStorage.builder(), server = VectorStorage.builder();
        for (int i = 0; i < size; i++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            Item item = new Item(1_677_970_534L + rnd.nextInt(shape.timestampSpread()), EventId.of(id));
            double r = rnd.nextDouble();
            if (r < shape.clientOnly()) {
                client.add(item);
            } else if (r < shape.clientOnly() + shape.serverOnly()) {
                server.add(item);
            } else {
                client.add(item);
                server.add(item);
            }
        }
        return new VectorStorage[] {client.seal(), server.seal()};
    }
}
