package mutual.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.app.bench.Hostile;
import mutual.app.bench.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process at its default settings (the launcher's 256 MiB heap, rate limits on) under the
 * loads that stopped it in issue 17 keeps serving: afterwards, and meanwhile, a fresh client from
 * another address publishes and reads back within seconds, and /healthz says so.
 */
class HostileLoadTest {
    static final Duration SERVED_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path data;

    final List<AutoCloseable> held = new ArrayList<>();

    void assertServed(NodeProcess node) {
        Optional<Double> ms = Hostile.freshClient(node.url(), SERVED_WITHIN);
        assertTrue(ms.isPresent(), "a fresh client was served within " + SERVED_WITHIN.toSeconds() + " s");
        assertTrue(node.isAlive(), "the node is running");
        assertEquals(200, Hostile.health(node.url()));
    }

    @Test
    void thirtyClientsThatStopReadingWhileBigEventsArePublishedAreShedAndTheNodeKeepsServing() throws Exception {
        try (NodeProcess node = NodeProcess.start(data, List.of())) {
            assertEquals(30, Hostile.slowReaders(node.url(), 30, held));
            assertEquals(80, Hostile.publish(node.url(), 80, 250_000, "slow", 1), "every big event acknowledged");
            assertServed(node);
            Hostile.closeAll(held);
            assertServed(node);
        } finally {
            Hostile.closeAll(held);
        }
    }

    @Test
    void connectionsPastThePerAddressCapAreRefusedWithTheReasonWhileOthersAreServed() throws Exception {
        try (NodeProcess node = NodeProcess.start(data, List.of())) {
            Hostile.Tally t = Hostile.connections(node.url(), 300, held);
            assertEquals(32, t.ok(), t.toString());
            assertEquals(268, t.refused(), t.toString());
            assertEquals(List.of("1013 too many connections from your address (limit 32); close one first"), t.reasons());
            assertServed(node);
        } finally {
            Hostile.closeAll(held);
        }
    }

    @Test
    void fourAnswersOfSeventyFiveMegabytesAtOnceAreServedWholeAndTheNodeKeepsServing() throws Exception {
        try (NodeProcess node = NodeProcess.start(data, List.of())) {
            assertEquals(300, Hostile.publish(node.url(), 300, 250_000, "big", 2));
            Hostile.Tally t = Hostile.largeAnswers(node.url(), 4, "big", 300);
            assertEquals(4, t.ok(), t.toString());
            assertServed(node);
        }
    }
}
