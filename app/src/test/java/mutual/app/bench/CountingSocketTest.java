package mutual.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query driver's counting client against a real node: its counts agree with a full client's. */
class CountingSocketTest {
    @TempDir
    Path data;

    @Test
    void countsWhatAFullClientReceivesAndReportsRefusals() throws Exception {
        Config config = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of("port", "0", "data", data.toString()));
        try (RunningNode node = RunningNode.start(config)) {
            URI url = URI.create("ws://127.0.0.1:" + node.port() + "/");
            SecretKey alice = SecretKey.generate(), bob = SecretKey.generate();
            long now = System.currentTimeMillis() / 1000;
            try (RelayClient c = RelayClient.connect(url, Duration.ofSeconds(10))) {
                for (int i = 0; i < 30; i++) {
                    // long enough that answers span 16-bit frame lengths, with non-ASCII text
                    Event e = EventBuilder.create(1, now - i).content("héllo ✓ " + "x".repeat(200 * i)).sign(i % 3 == 0 ? bob : alice);
                    assertTrue(c.publish(e).get(10, TimeUnit.SECONDS).accepted());
                }
                List<List<Filter>> queries = List.of(
                        List.of(Filter.builder().authors(alice.publicKey()).build()),
                        List.of(Filter.builder().authors(bob.publicKey()).limit(4).build()),
                        List.of(Filter.builder().kinds(1).build()),
                        List.of(Filter.builder().kinds(7).build()));
                try (CountingSocket counting = CountingSocket.connect(url, 10_000)) {
                    int n = 0;
                    for (List<Filter> q : queries) {
                        int expected = c.query("full" + n, q).get(10, TimeUnit.SECONDS).size();
                        assertEquals(expected, counting.queryCount("s" + n++, q), q.toString());
                    }
                    assertEquals(List.of(20, 4, 30, 0), queries.stream().map(q -> {
                        try {
                            return counting.queryCount("again", q);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }).toList(), "the same connection answers query after query");
                    IOException refused = assertThrows(IOException.class,
                            () -> counting.queryCount("many", Collections.nCopies(50, Filter.builder().kinds(1).build())));
                    assertTrue(refused.getMessage().contains("CLOSED"), refused.getMessage());
                }
            }
        }
    }

    @Test
    void theHandshakeAcceptsOnlyTheAnswerToItsOwnKey() {
        // RFC 6455 section 1.3's example
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", CountingSocket.accept("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
