package mutual.engine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real node on loopback: decoded queries and counted ones agree. */
class RelayClientTest {
    @TempDir
    Path dir;

    @Test
    void queryAndQueryCountSeeTheSameStoredEvents() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            SecretKey k = Keys.key(7);
            List<Event> notes = new ArrayList<>();
            for (int i = 0; i < 30; i++) notes.add(Keys.note(k, node.now() - 100 + i, "note " + i));
            for (Event e : notes) assertTrue(node.node.submit(e, new Source.Local("test")).join() instanceof Outcome.Stored);
            try (RelayClient c = RelayClient.connect(URI.create("ws://127.0.0.1:" + node.port), Duration.ofSeconds(5))) {
                Filter limited = Filter.builder().authors(k.publicKey()).limit(12).build();
                List<Event> got = c.query("a", List.of(limited)).get(10, TimeUnit.SECONDS);
                assertEquals(notes.reversed().subList(0, 12), got, "newest first, as stored");
                assertEquals(12, c.queryCount("b", List.of(limited)).get(10, TimeUnit.SECONDS));
                assertEquals(30, c.queryCount("c", List.of(Filter.builder().authors(k.publicKey()).build())).get(10, TimeUnit.SECONDS));
                assertEquals(0, c.queryCount("d", List.of(Filter.builder().kinds(1).since(node.now() + 3600).build())).get(10, TimeUnit.SECONDS));
                // The counting subscription is closed at EOSE: a later query with the same id works alike.
                assertEquals(3, c.queryCount("b", List.of(Filter.builder().ids(notes.get(0).id(), notes.get(1).id(), notes.get(2).id()).build()))
                        .get(10, TimeUnit.SECONDS));
            }
        }
    }
}
