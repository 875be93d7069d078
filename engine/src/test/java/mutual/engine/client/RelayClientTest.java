package mutual.engine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mutual.engine.client.RelayClient.Compression;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real node on loopback: decoded queries and counted ones agree; with
 * permessage-deflate the bytes on the wire are far fewer than the message text, and a deflate
 * bomb fails the connection instead of filling memory.
 */
public class RelayClientTest {
    @TempDir
    Path dir;

    /**
     * wss:// goes through TLS although the client starts without it (its TLS context starts on
     * first use): what reaches a listener is a TLS handshake record, not a plain HTTP upgrade,
     * and the connection fails against a listener that answers in plain text.
     */
    @Test
    void wssStartsTlsOnFirstUse() throws Exception {
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> first = new CompletableFuture<>();
            Thread answer = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = plain.accept()) {
                    java.io.InputStream in = s.getInputStream();
                    first.complete(in.readNBytes(3));
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    while (in.read(new byte[512]) >= 0) {
                        // until the client gives up
                    }
                } catch (java.io.IOException e) {
                    first.completeExceptionally(e);
                }
            });
            assertThrows(RuntimeException.class,
                    () -> RelayClient.connect(URI.create("wss://127.0.0.1:" + plain.getLocalPort() + "/"), Duration.ofSeconds(10)));
            byte[] head = first.get(10, TimeUnit.SECONDS);
            // a TLS record: content type 22 (handshake), protocol major version 3
            assertEquals(22, head[0], "the first byte on the wire opens a TLS handshake record");
            assertEquals(3, head[1], "TLS record version");
            answer.join(10_000);
        }
    }

    @Test
    void storedEventsGoOutAsTheirUtf8BytesAndComeBackEqual() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            SecretKey k = Keys.key(8);
            Event e = Keys.note(k, node.now() - 5, "h\u00e9llo \"w\u00f6rld\" \uD83D\uDE00 \u2028 \u4e2d\u6587\n\ttab");
            assertTrue(node.node.submit(e, new Source.Local("test")).join() instanceof Outcome.Stored);
            try (RelayClient c = RelayClient.connect(URI.create("ws://127.0.0.1:" + node.port), Duration.ofSeconds(5))) {
                assertEquals(List.of(e), c.query("u", List.of(Filter.builder().ids(e.id()).build())).get(10, TimeUnit.SECONDS));
            }
        }
    }

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

    /** Thirty notes whose content repeats, stored in the node; returns them. */
    private static List<Event> repetitiveNotes(TestNode node) {
        SecretKey k = Keys.key(8);
        List<Event> notes = new ArrayList<>();
        for (int i = 0; i < 30; i++) notes.add(Keys.note(k, node.now() - 100 + i, "the same words again and again; ".repeat(40) + i));
        for (Event e : notes) assertTrue(node.node.submit(e, new Source.Local("test")).join() instanceof Outcome.Stored);
        return notes;
    }

    @Test
    void aCompressedConnectionNegotiatesDeflateAndCountsTheCompressedBytes() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            List<Event> notes = repetitiveNotes(node);
            try (RelayClient c = RelayClient.connect(URI.create("ws://127.0.0.1:" + node.port), Duration.ofSeconds(5), Compression.DEFLATE)) {
                assertTrue(c.compressed(), "the node agreed to permessage-deflate");
                List<Event> got = c.query("a", List.of(Filter.builder().authors(notes.get(0).pubkey()).build())).get(10, TimeUnit.SECONDS);
                assertEquals(30, got.size());
                assertTrue(c.messageCharsReceived() > 30 * 1280, "the text as received: " + c.messageCharsReceived());
                assertTrue(c.bytesReceived() * 4 < c.messageCharsReceived(),
                        "wire " + c.bytesReceived() + " B against " + c.messageCharsReceived() + " characters of text");
                assertTrue(c.bytesSent() > 0 && c.bytesSent() <= c.messageCharsSent() + 2 * 14, "REQ and CLOSE: " + c.bytesSent() + " B");
                // A publish goes out compressed too, and is stored as sent.
                Event e = Keys.note(Keys.key(9), node.now(), "x".repeat(5000));
                long before = c.bytesSent();
                assertTrue(c.publish(e).get(10, TimeUnit.SECONDS).accepted());
                assertTrue(c.bytesSent() - before < 1500, "a 5,000-character note compressed to " + (c.bytesSent() - before) + " B");
            }
        }
    }

    @Test
    void anUncompressedConnectionSendsTheTextAsItIs() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            List<Event> notes = repetitiveNotes(node);
            try (RelayClient c = RelayClient.connect(URI.create("ws://127.0.0.1:" + node.port), Duration.ofSeconds(5), Compression.NONE)) {
                assertFalse(c.compressed());
                assertEquals(30, c.query("a", List.of(Filter.builder().authors(notes.get(0).pubkey()).build())).get(10, TimeUnit.SECONDS).size());
                // Frames add their headers (2 to 10 bytes, plus a 4-byte mask from a client) and nothing else.
                assertTrue(c.bytesReceived() >= c.messageCharsReceived() && c.bytesReceived() <= c.messageCharsReceived() + 10 * 40,
                        c.bytesReceived() + " B for " + c.messageCharsReceived() + " characters");
                assertTrue(c.bytesSent() >= c.messageCharsSent() + 6 && c.bytesSent() <= c.messageCharsSent() + 14 * 2,
                        c.bytesSent() + " B for " + c.messageCharsSent() + " characters");
            }
        }
    }

    @Test
    void aDeflateBombFailsTheConnectionInsteadOfFillingMemory() throws Exception {
        // A relay that answers with one message of 16 MiB of the same character: some 16
        // kilobytes compressed, far past the 4 MiB the client takes.
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        String bomb = "[\"NOTICE\",\"" + "a".repeat(16 << 20) + "\"]";
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(32 << 20);
            container.addMapping("/", (request, response, callback) -> new Bomber(bomb));
        }));
        server.start();
        try (RelayClient c = RelayClient.connect(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/"), Duration.ofSeconds(5), Compression.DEFLATE)) {
            assertTrue(c.compressed());
            List<String> notices = new ArrayList<>();
            c.onOther(m -> notices.add(m.toString()));
            var answer = c.query("a", List.of(Filter.builder().build()));
            ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(20, TimeUnit.SECONDS));
            // Jetty stops inflating at the first fragment past the limit: "Text message too large: 4,202,496 > 4,194,304".
            assertTrue(e.getCause().getMessage().matches("connection lost: .*too large.*"), e.getCause().getMessage());
            c.closedFuture().get(5, TimeUnit.SECONDS);
            assertTrue(notices.isEmpty(), "nothing of the bomb was delivered");
            assertTrue(c.bytesReceived() < 4 << 20, "the bomb stayed small on the wire: " + c.bytesReceived() + " B");
        } finally {
            server.stop();
        }
    }

    /** Answers any message with the bomb. Public because Jetty calls it reflectively. */
    public static final class Bomber implements Session.Listener.AutoDemanding {
        private final String bomb;
        private Session session;

        Bomber(String bomb) {
            this.bomb = bomb;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            session.sendText(bomb, Callback.NOOP);
        }
    }
}
