package mutual.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain HTTP on the relay's port: NIP-11, CORS, health, metrics and routes the app adds. */
class HttpEndpointsTest {
    @TempDir
    Path dir;
    TestNode node;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Handler api = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, "api says hi", callback);
                return true;
            }
        };
        node = TestNode.start(dir, b -> b.name("Test node"), b -> b.route("/api/*", api));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + path));
        if (accept != null) r.header("Accept", accept);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheRelayInformationDocumentWithCors() throws Exception {
        HttpResponse<String> r = get("/", "application/nostr+json");
        assertEquals(200, r.statusCode());
        assertEquals("application/nostr+json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").isPresent());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").isPresent());
        String body = r.body();
        assertTrue(body.contains("\"name\":\"Test node\""), body);
        assertTrue(body.contains("\"pubkey\":\"" + Keys.key(999).publicKey().hex() + "\""), body);
        assertTrue(body.contains("\"supported_nips\":[1,9,11,40,42,45,50,59,62,70,77]"), body);
        assertTrue(body.contains("\"max_subscriptions\":100"), body);
        assertTrue(body.contains("\"max_message_length\":524288"), body);
        assertTrue(body.contains("\"created_at_upper_limit\":900"), body);
        assertTrue(body.contains("\"auth_required\":false"), body);
    }

    @Test
    void answersCorsPreflight() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void aBrowserAtTheRootGetsAShortPageAndUnknownPathsA404() throws Exception {
        HttpResponse<String> root = get("/", "text/html");
        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("Nostr relay"));
        assertEquals(404, get("/nothing-here", null).statusCode());
    }

    @Test
    void healthReportsTheStore() throws Exception {
        try (WsClient c = node.connect()) {
            c.publishAccepted(Keys.note(Keys.key(1), node.now(), "x"));
        }
        HttpResponse<String> r = get("/healthz", null);
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"ok\",\"store\":{\"status\":\"ok\",\"events\":1}}", r.body());
    }

    @Test
    void metricsCountEventsConnectionsAndLatencies() throws Exception {
        try (WsClient c = node.connect()) {
            c.publishAccepted(Keys.note(Keys.key(1), node.now(), "x"));
            c.publish(Keys.tampered(Keys.note(Keys.key(1), node.now(), "y")));
            c.req("s", mutual.protocol.filter.Filter.builder().build());
            String m = get("/metrics", null).body();
            assertTrue(m.contains("mutual_events_received_total{source=\"client\"} 2.0"), m);
            assertTrue(m.contains("mutual_events_accepted_total{outcome=\"stored\"} 1.0"), m);
            assertTrue(m.contains("mutual_events_rejected_total{reason=\"invalid\"} 1.0"), m);
            assertTrue(m.contains("mutual_connections 1.0"), m);
            assertTrue(m.contains("mutual_subscriptions 1.0"), m);
            assertTrue(m.contains("mutual_write_batch_size_count 1"), m);
            assertTrue(m.contains("mutual_write_commit_seconds_count 1"), m);
            assertTrue(m.contains("mutual_write_sync_seconds_count 1"), m);
            assertTrue(m.contains("mutual_query_seconds_count 1"), m);
            assertTrue(m.contains("mutual_peers 0.0"), m);
            assertTrue(m.contains("mutual_peers_live 0.0"), m);
        }
    }

    @Test
    void routesTheAppRegisteredAreServed() throws Exception {
        HttpResponse<String> r = get("/api/anything", null);
        assertEquals(200, r.statusCode());
        assertEquals("api says hi", r.body());
    }
}
