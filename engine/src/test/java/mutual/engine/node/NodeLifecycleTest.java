package mutual.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and the scheduled purge of a node. */
class NodeLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void startReturnsTheBoundPortAndCloseReleasesIt() {
        TestNode node = TestNode.start(dir);
        assertTrue(node.port > 0);
        assertEquals("ws://127.0.0.1:" + node.port + "/", node.node.relayUrl().orElseThrow());
        try (WsClient c = node.connect()) {
            c.publishAccepted(Keys.note(Keys.key(1), node.now(), "hi"));
        }
        node.close();
        assertThrows(Exception.class, () -> WsClient.connect(node.port));
    }

    @Test
    void closeCommitsWhatWasAlreadySubmitted() throws Exception {
        TestNode node = TestNode.start(dir);
        List<CompletableFuture<Outcome>> submitted = new ArrayList<>();
        for (int i = 0; i < 200; i++)
            submitted.add(node.node.submit(Keys.note(Keys.key(2), node.now() - i, "n" + i), new Source.Local("import")));
        node.node.close();
        for (CompletableFuture<Outcome> f : submitted) {
            assertTrue(f.isDone());
            assertEquals(Outcome.Stored.class, f.get().getClass());
        }
        assertEquals(200, node.store.size());
        node.store.close();
    }

    @Test
    void thePurgeJobRemovesExpiredEventsOnItsSchedule() throws Exception {
        try (TestNode node = TestNode.start(dir, b -> b.purgeInterval(Duration.ofMillis(50)))) {
            node.node.submit(Keys.note(Keys.key(3), node.now(), "brief", Tag.of("expiration", Long.toString(node.now() + 10))),
                    new Source.Local("test")).get();
            node.node.submit(Keys.note(Keys.key(3), node.now(), "lasting"), new Source.Local("test")).get();
            Thread.sleep(200);
            assertEquals(2, node.store.size(), "nothing has expired yet");
            node.clock.advance(Duration.ofSeconds(11));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.store.size() > 1 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(1, node.store.size());
        }
    }
}
