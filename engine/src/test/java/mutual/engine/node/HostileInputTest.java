package mutual.engine.node;

import static mutual.engine.testing.Keys.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.policy.PolicyConfig.Rate;
import mutual.engine.relay.RelayConfig;
import mutual.engine.testing.Keys;
import mutual.engine.testing.RawWs;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.RelayMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, oversized and flooding input: each gets a clear {@code invalid:} or
 * {@code rate-limited:} answer (or a 1009 close for frames over the limit), and the connection,
 * the node and other connections carry on.
 */
class HostileInputTest {
    static final String ID = "a".repeat(64);
    final SecretKey alice = Keys.key(31);

    @TempDir
    Path dir;

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not json", RelayMessage.Notice.class),
                Arguments.of("[", RelayMessage.Notice.class),
                Arguments.of("null", RelayMessage.Notice.class),
                Arguments.of("{}", RelayMessage.Notice.class),
                Arguments.of("[]", RelayMessage.Notice.class),
                Arguments.of("[\"WHAT\",1]", RelayMessage.Notice.class),
                Arguments.of("[\"EVENT\",5]", RelayMessage.Notice.class),
                Arguments.of("[\"CLOSE\"]", RelayMessage.Notice.class),
                Arguments.of("[\"EVENT\",{\"id\":\"" + ID + "\",\"kind\":\"one\"}]", RelayMessage.Ok.class),
                Arguments.of("[\"EVENT\",{\"id\":\"" + ID + "\"}]", RelayMessage.Ok.class),
                Arguments.of("[\"REQ\",\"sub\",5]", RelayMessage.Closed.class),
                Arguments.of("[\"REQ\",\"sub\"]", RelayMessage.Closed.class),
                Arguments.of("[\"REQ\",\"sub\",{\"kinds\":[\"x\"]}]", RelayMessage.Closed.class),
                Arguments.of("[\"REQ\",\"sub\",{\"kinds\":[70000]}]", RelayMessage.Closed.class),
                Arguments.of("[\"REQ\",\"sub\",{\"since\":1.5}]", RelayMessage.Closed.class),
                Arguments.of("[\"COUNT\",\"c\",{\"authors\":[\"zz\"]}]", RelayMessage.Closed.class),
                Arguments.of("[\"REQ\",\"" + "s".repeat(65) + "\",{}]", RelayMessage.Notice.class),
                Arguments.of("[\"REQ\",\"sub\"" + ",{}".repeat(21) + "]", RelayMessage.Closed.class),
                Arguments.of("[".repeat(5000) + "]".repeat(5000), RelayMessage.Notice.class),
                Arguments.of("[\"REQ\",\"deep\",{\"x\":" + "[".repeat(200) + "]".repeat(200) + "}]", RelayMessage.Closed.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMessagesGetAnInvalidReplyAndTheConnectionSurvives(String text, Class<? extends RelayMessage> reply) {
        try (TestNode node = TestNode.start(dir); WsClient c = node.connect()) {
            c.send(text);
            RelayMessage m = c.next();
            assertInstanceOf(reply, m, "reply to " + abbreviate(text));
            String reason = switch (m) {
                case RelayMessage.Notice n -> n.message();
                case RelayMessage.Ok ok -> {
                    assertFalse(ok.accepted());
                    yield ok.message();
                }
                case RelayMessage.Closed cl -> cl.message();
                default -> throw new AssertionError(m);
            };
            assertTrue(reason.startsWith("invalid: "), reason);
            assertEquals(0, c.count("still-alive", Filter.builder().build()));
        }
    }

    @Test
    void aMalformedNegentropyMessageGetsNegErr() {
        try (TestNode node = TestNode.start(dir); WsClient c = node.connect()) {
            c.send("[\"NEG-OPEN\",\"n\",{},\"6100\"]");
            RelayMessage.NegErr err = assertInstanceOf(RelayMessage.NegErr.class, c.next());
            assertEquals("n", err.subscriptionId());
            assertTrue(err.reason().startsWith("invalid: "), err.reason());
        }
    }

    @Test
    void binaryFramesGetANotice() {
        try (TestNode node = TestNode.start(dir); WsClient c = node.connect()) {
            c.sendBinary(new byte[] {1, 2, 3});
            assertTrue(assertInstanceOf(RelayMessage.Notice.class, c.next()).message().startsWith("invalid: "));
            assertEquals(0, c.count("alive", Filter.builder().build()));
        }
    }

    @Test
    void aFrameOverTheLimitClosesWith1009WithoutBeingReadWhole() throws Exception {
        try (TestNode node = TestNode.start(dir); WsClient bystander = node.connect()) {
            try (RawWs raw = RawWs.connect(node.port)) {
                raw.announceFrame(1L << 30); // 1 GiB announced; the node reads at most the message limit of it
                raw.streamPayload(2 << 20);
                assertEquals(1009, raw.closeCode(Duration.ofSeconds(5)).orElseThrow());
            }
            try (WsClient big = node.connect()) {
                // An ordinary client sending an ordinary oversized message: the node ends the
                // connection. Its 1009 close frame reaches this client only if the client had
                // finished writing by then; otherwise the node's close resets a connection the
                // client is still writing to, and the client sees an error (-1) instead. Either
                // way the connection is over, well before 5 s.
                big.sendMayBeCutOff("[\"EVENT\",\"" + "x".repeat(600 * 1024) + "\"]");
                int code = big.closedWith(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("the node kept the connection open"));
                assertTrue(code == 1009 || code == -1, "closed with " + code);
            }
            bystander.publishAccepted(note(alice, node.now(), "still here"));
        }
    }

    @Test
    void anEventFloodFromOneAddressIsRateLimited() {
        try (TestNode node = TestNode.start(dir, b -> b.policy(PolicyConfig.defaults().withRates(new Rate(0.001, 5), Rate.unlimited())));
             WsClient c = node.connect()) {
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) answers.add(c.publish(note(alice, node.now() - i, "n" + i)).message());
            assertEquals(5, answers.stream().filter(String::isEmpty).count(), answers.toString());
            assertEquals(3, answers.stream().filter(m -> m.startsWith("rate-limited: ")).count(), answers.toString());
        }
    }

    @Test
    void aMessageFloodIsRateLimitedOnItsOwnConnectionOnly() {
        try (TestNode node = TestNode.start(dir, b -> b.relay(RelayConfig.defaults().withMessageRate(new Rate(0.001, 10))));
             WsClient flooder = node.connect(); WsClient other = node.connect()) {
            for (int i = 0; i < 30; i++) flooder.send("[\"COUNT\",\"c" + i + "\",{}]");
            int counted = 0, limited = 0;
            for (int i = 0; i < 30; i++) {
                switch (flooder.next()) {
                    case RelayMessage.CountResult r -> counted++;
                    case RelayMessage.Closed cl when cl.message().startsWith("rate-limited: ") -> limited++;
                    case RelayMessage m -> throw new AssertionError("unexpected " + m);
                }
            }
            assertEquals(10, counted);
            assertEquals(20, limited);
            assertEquals(0, other.count("fine", Filter.builder().build()));
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersCarryOn() throws Exception {
        try (TestNode node = TestNode.start(dir, b -> b.relay(RelayConfig.defaults().withMaxPendingBytes(256 * 1024)
                .withMessageRate(Rate.unlimited()))); WsClient writer = node.connect()) {
            String body = "z".repeat(50_000);
            for (int i = 0; i < 40; i++) writer.publishAccepted(note(alice, node.now() - i, body + i));
            try (RawWs slow = RawWs.connectWithReceiveBuffer(node.port, 4096)) {
                for (int i = 0; i < 10; i++) slow.sendText("[\"REQ\",\"r" + i + "\",{}]");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (slowDisconnects(node) == 0 && System.nanoTime() < deadline) Thread.sleep(50);
                assertEquals(1.0, slowDisconnects(node));
            }
            Event after = note(alice, node.now(), "after");
            writer.publishAccepted(after);
            assertEquals(1, writer.req("check", Filter.builder().ids(after.id()).build()).size());
        }
    }

    private static double slowDisconnects(TestNode node) {
        var c = node.node.meterRegistry().find("mutual.connections.slow.disconnected").counter();
        return c == null ? 0 : c.count();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
