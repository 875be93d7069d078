package mutual.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.RelayMessage;
import mutual.store.contract.CuttableLink;
import mutual.store.contract.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network to a node's PostgreSQL fails silently under it (no reset: a dropped route), then
 * comes back. Meanwhile the node answers: an event is refused with {@code error:} within the
 * store's time limit and {@code /healthz} says 503 at once, never a request that hangs. When the
 * database is reachable again the node takes events by itself, without a restart, and what it
 * acknowledged before is all there.
 */
class DatabaseOutageTest {
    @TempDir
    Path dir;
    private String database;

    @AfterEach
    void drop() {
        if (database != null) TestPostgres.dropDatabase(database);
    }

    @Test
    void aNodeWhoseDatabaseVanishesSaysSoAndRecoversByItself() throws Exception {
        TestPostgres.unreachable().ifPresent(Assumptions::abort);
        database = TestPostgres.createDatabase();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        SecretKey key = SecretKey.generate();
        long now = System.currentTimeMillis() / 1000;
        Event before = EventBuilder.create(1, now - 3).content("before the outage").sign(key);
        Event during = EventBuilder.create(1, now - 2).content("during the outage").sign(key);
        Event after = EventBuilder.create(1, now - 1).content("after the outage").sign(key);
        try (CuttableLink link = CuttableLink.toServerOf(database)) {
            String viaLink = link.through(database);
            Config config = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(),
                    Map.of("port", "0", "data", dir.toString(), "store", viaLink));
            try (RunningNode node = RunningNode.start(config)) {
                URI healthz = URI.create("http://127.0.0.1:" + node.port() + "/healthz");
                URI relay = URI.create("ws://127.0.0.1:" + node.port() + "/");
                try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(5))) {
                    assertTrue(c.publish(before).get(10, TimeUnit.SECONDS).accepted());
                }
                assertEquals(200, status(http, healthz));
                // The pool, as an operator watches it.
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String gauge : List.of("active", "idle", "pending")) {
                    assertTrue(java.util.regex.Pattern.compile("(?m)^mutual_store_postgres_connections_" + gauge + " [0-9.]+$").matcher(metrics).find(),
                            () -> "no pool gauge " + gauge + " in /metrics:\n" + metrics.lines().filter(l -> l.contains("postgres")).toList());
                }

                link.cut();
                try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(5))) {
                    RelayMessage.Ok refused = c.publish(during).get(60, TimeUnit.SECONDS);
                    assertFalse(refused.accepted(), "an event the node could not store");
                    assertTrue(refused.message().startsWith("error:"), () -> "said as an error: " + refused.message());
                }
                long asked = System.nanoTime();
                assertEquals(503, status(http, healthz), "the node says it cannot store");
                assertTrue(System.nanoTime() - asked < 6_000_000_000L, "and says it at once (it gives the store 2 s)");

                link.mend();
                long deadline = System.nanoTime() + 60_000_000_000L;
                boolean taken = false;
                while (!taken) {
                    assertTrue(System.nanoTime() < deadline, "the node never took events again after the database came back");
                    try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(5))) {
                        taken = c.publish(after).get(30, TimeUnit.SECONDS).accepted();
                    }
                    if (!taken) Thread.sleep(500);
                }
                try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(5))) {
                    assertTrue(c.publish(during).get(10, TimeUnit.SECONDS).accepted(), "the refused event, sent again");
                    assertEquals(List.of(after, during, before),
                            c.query("all", List.of(Filter.builder().authors(key.publicKey()).build())).get(10, TimeUnit.SECONDS));
                }
                assertEquals(200, status(http, healthz));
            }
        }
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
