package mutual.engine.node;

import static mutual.engine.testing.Keys.key;
import static mutual.engine.testing.Keys.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.policy.PolicyConfig.Rate;
import mutual.engine.relay.ClientAddress;
import mutual.engine.relay.RelayConfig;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an ordinary client meets at the node's default limits (no limit lifted): a burst of
 * EVENTs on one connection is slowed down, never refused; a person republishes their history;
 * a refusal, where an operator set a limit, says which limit, its value and how long to wait;
 * a proxy's header counts only from a trusted proxy; AUTH works under the name {@code localhost}.
 */
class LimitsAtDefaultsTest {
    @TempDir Path dir;

    private TestNode atDefaults() {
        return TestNode.start(dir, b -> b.policy(PolicyConfig.defaults()).relay(RelayConfig.defaults()));
    }

    /** Sends every event without waiting for an answer, then reads one OK per event. */
    private static List<RelayMessage.Ok> publishAll(WsClient c, List<Event> events) {
        for (Event e : events) c.send(new ClientMessage.Publish(e));
        List<RelayMessage.Ok> oks = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) oks.add(c.expect(RelayMessage.Ok.class, o -> true));
        return oks;
    }

    @Test
    void aBurstOfTwoThousandEventsOnOneConnectionIsAcceptedWhole() {
        try (TestNode node = atDefaults(); WsClient c = node.connect()) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 2000; i++) events.add(note(key(i % 40), node.now() - i, "burst " + i));
            List<RelayMessage.Ok> oks = publishAll(c, events);
            List<String> refused = oks.stream().filter(o -> !o.accepted()).map(RelayMessage.Ok::message).distinct().toList();
            assertEquals(List.of(), refused);
            Set<Object> ids = new HashSet<>();
            oks.forEach(o -> ids.add(o.eventId()));
            assertEquals(2000, ids.size());
            assertEquals(2000, c.count("n", Filter.builder().kinds(1).build()));
        }
    }

    /**
     * With room for about three such events in flight across the node, two connections each
     * publish 40 events of 20,000 characters at once: they are slowed down (not read while the
     * budget is spent), every event is accepted, and neither connection starves.
     */
    @Test
    void aSpentInputBudgetSlowsPublishersDownWithoutRefusingAny() throws Exception {
        try (TestNode node = TestNode.start(dir, b -> b.policy(PolicyConfig.defaults())
                .relay(RelayConfig.defaults().withCapacity(mutual.engine.relay.Capacity.defaults().withMaxPendingInputTotal(64 << 10))));
             WsClient a = node.connect(); WsClient b = node.connect()) {
            List<Event> forA = new ArrayList<>(), forB = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                forA.add(note(key(i), node.now() - i, "a".repeat(20_000) + i));
                forB.add(note(key(100 + i), node.now() - i, "b".repeat(20_000) + i));
            }
            Thread other = Thread.ofVirtual().start(() -> assertEquals(40, publishAll(b, forB).stream().filter(RelayMessage.Ok::accepted).count()));
            assertEquals(40, publishAll(a, forA).stream().filter(RelayMessage.Ok::accepted).count());
            other.join();
            assertEquals(80, a.count("n", Filter.builder().kinds(1).build()));
        }
    }

    @Test
    void anAuthorRepublishesTenThousandOfTheirEventsAtTheDefaults() {
        SecretKey me = key(7);
        try (TestNode node = atDefaults(); WsClient c = node.connect()) {
            List<Event> history = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) history.add(note(me, node.now() - 86_400 * 30 + i, "my history " + i));
            long t0 = System.nanoTime();
            List<RelayMessage.Ok> oks = publishAll(c, history);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, oks.stream().filter(o -> !o.accepted()).count(), () -> "refused: " + oks.stream().filter(o -> !o.accepted()).findFirst());
            assertEquals(10_000, c.count("h", Filter.builder().authors(me.publicKey()).build()));
            System.out.println("republished 10,000 events of one author over one connection in " + ms + " ms");
        }
    }

    @Test
    void aRefusalNamesTheLimitItsValueAndHowLongToWait() {
        try (TestNode node = TestNode.start(dir, b -> b.relay(RelayConfig.defaults())
                .policy(PolicyConfig.defaults().withRates(new Rate(1, 10), Rate.unlimited()))); WsClient c = node.connect()) {
            for (int i = 0; i < 10; i++) assertTrue(c.publish(note(key(i), node.now(), "ok " + i)).accepted());
            RelayMessage.Ok refused = c.publish(note(key(11), node.now(), "one too many"));
            assertFalse(refused.accepted());
            assertEquals("rate-limited: more than 1 events per second from your address (events-per-second-per-ip, bursts of 10); try again in 1 s",
                    refused.message());
        }
    }

    @Test
    void aProxysHeaderCountsOnlyWhenTheProxyIsTrusted() {
        Rate three = new Rate(0.001, 3);
        // Loopback is trusted: each forwarded client has a bucket of its own.
        try (TestNode node = TestNode.start(dir.resolve("trusted"), b -> b.relay(RelayConfig.defaults())
                .policy(PolicyConfig.defaults().withRates(three, Rate.unlimited()))
                .clientAddress(ClientAddress.of("X-Forwarded-For", "127.0.0.1/8, ::1")));
             WsClient a = WsClient.connect(node.port, Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.1"));
             WsClient b = WsClient.connect(node.port, Map.of("X-Forwarded-For", "203.0.113.2"))) {
            for (int i = 0; i < 3; i++) assertTrue(a.publish(note(key(i), node.now(), "a " + i)).accepted());
            assertTrue(a.publish(note(key(3), node.now(), "a 3")).message().startsWith("rate-limited: "));
            for (int i = 0; i < 3; i++) assertTrue(b.publish(note(key(10 + i), node.now(), "b " + i)).accepted(), "b has its own bucket");
        }
        // Only 10.0.0.0/8 is trusted: the header from loopback is ignored, so both share one bucket.
        try (TestNode node = TestNode.start(dir.resolve("untrusted"), b -> b.relay(RelayConfig.defaults())
                .policy(PolicyConfig.defaults().withRates(three, Rate.unlimited()))
                .clientAddress(ClientAddress.of("X-Forwarded-For", "10.0.0.0/8")));
             WsClient a = WsClient.connect(node.port, Map.of("X-Forwarded-For", "203.0.113.1"));
             WsClient b = WsClient.connect(node.port, Map.of("X-Forwarded-For", "203.0.113.2"))) {
            for (int i = 0; i < 3; i++) assertTrue(a.publish(note(key(i), node.now(), "a " + i)).accepted());
            assertTrue(b.publish(note(key(10), node.now(), "b 0")).message().startsWith("rate-limited: "), "a spoofed header must not open a new bucket");
        }
    }

    @Test
    void authWorksUnderTheNameLocalhostAndNotUnderAnotherRelaysName() {
        try (TestNode node = atDefaults(); WsClient c = node.connect()) {
            Event other = EventBuilder.create(22242, node.now()).tag("relay", "wss://some-other-relay.example/")
                    .tag("challenge", c.challenge()).sign(key(1));
            c.send(new ClientMessage.Auth(other));
            assertFalse(c.expect(RelayMessage.Ok.class, o -> o.eventId().equals(other.id())).accepted());
            Event local = EventBuilder.create(22242, node.now()).tag("relay", "ws://localhost:" + node.port)
                    .tag("challenge", c.challenge()).sign(key(1));
            c.send(new ClientMessage.Auth(local));
            RelayMessage.Ok ok = c.expect(RelayMessage.Ok.class, o -> o.eventId().equals(local.id()));
            assertTrue(ok.accepted(), ok.message());
        }
    }
}
