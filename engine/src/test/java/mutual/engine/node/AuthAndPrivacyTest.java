package mutual.engine.node;

import static mutual.engine.testing.Keys.event;
import static mutual.engine.testing.Keys.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NIP-42 AUTH, gift-wrap privacy (REQ, COUNT, live) and NIP-62 vanish against a real node. */
class AuthAndPrivacyTest {
    @TempDir
    Path dir;
    TestNode node;
    final SecretKey alice = Keys.key(11);
    final SecretKey bob = Keys.key(12);
    final SecretKey carol = Keys.key(13);

    @BeforeEach
    void start() {
        node = TestNode.start(dir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void everyConnectionGetsItsOwnChallengeOnOpen() {
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            assertEquals(32, a.challenge().length());
            assertNotEquals(a.challenge(), b.challenge());
        }
    }

    /** Bad AUTH events: (client, now) → the event to send. */
    static Stream<Arguments> badAuthEvents() {
        SecretKey k = Keys.key(20);
        return Stream.of(
                Arguments.of("wrong kind", (BiFunction<WsClient, Long, Event>) (c, now) ->
                        EventBuilder.create(1, now).tag("relay", c.url()).tag("challenge", c.challenge()).sign(k)),
                Arguments.of("wrong challenge", (BiFunction<WsClient, Long, Event>) (c, now) ->
                        EventBuilder.create(22242, now).tag("relay", c.url()).tag("challenge", "nope").sign(k)),
                Arguments.of("no challenge", (BiFunction<WsClient, Long, Event>) (c, now) ->
                        EventBuilder.create(22242, now).tag("relay", c.url()).sign(k)),
                Arguments.of("another relay", (BiFunction<WsClient, Long, Event>) (c, now) ->
                        EventBuilder.create(22242, now).tag("relay", "wss://other.example/").tag("challenge", c.challenge()).sign(k)),
                Arguments.of("stale", (BiFunction<WsClient, Long, Event>) (c, now) ->
                        EventBuilder.create(22242, now - 601).tag("relay", c.url()).tag("challenge", c.challenge()).sign(k)),
                Arguments.of("from the future", (BiFunction<WsClient, Long, Event>) (c, now) ->
                        EventBuilder.create(22242, now + 601).tag("relay", c.url()).tag("challenge", c.challenge()).sign(k)),
                Arguments.of("bad signature", (BiFunction<WsClient, Long, Event>) (c, now) -> Keys.tampered(
                        EventBuilder.create(22242, now).tag("relay", c.url()).tag("challenge", c.challenge()).sign(k))));
    }

    @ParameterizedTest(name = "refuses an AUTH event with {0}")
    @MethodSource("badAuthEvents")
    void refusesBadAuthEvents(String name, BiFunction<WsClient, Long, Event> make) {
        try (WsClient c = node.connect()) {
            Event e = make.apply(c, node.now());
            c.send(new ClientMessage.Auth(e));
            RelayMessage.Ok ok = c.expect(RelayMessage.Ok.class, o -> o.eventId().equals(e.id()));
            assertFalse(ok.accepted());
            assertTrue(ok.message().startsWith("invalid: "), ok.message());
        }
    }

    @Test
    void acceptsAuthWithTheRelayUrlWrittenDifferently() {
        try (WsClient c = node.connect()) {
            String url = c.url().replace("ws://127.0.0.1", "WS://127.0.0.1").replaceAll("/$", "");
            Event e = EventBuilder.create(22242, node.now()).tag("relay", url).tag("challenge", c.challenge()).sign(alice);
            c.send(new ClientMessage.Auth(e));
            assertTrue(c.expect(RelayMessage.Ok.class, o -> o.eventId().equals(e.id())).accepted());
        }
    }

    @Test
    void giftWrapsReachOnlyTheirAuthenticatedRecipientByReqCountAndLive() {
        Event wrap = event(carol, 1059, node.now() - 5, "ciphertext", Tag.of("p", alice.publicKey().hex()));
        Filter wraps = Filter.builder().kinds(1059).build();
        Filter everything = Filter.builder().build();
        try (WsClient writer = node.connect(); WsClient anon = node.connect(); WsClient asAlice = node.connect(); WsClient asBob = node.connect()) {
            writer.publishAccepted(wrap);
            asAlice.authAccepted(alice, node.now());
            asBob.authAccepted(bob, node.now());

            assertTrue(anon.reqClosed("w", wraps).message().startsWith("auth-required: "));
            assertEquals(List.of(), anon.req("all", everything));
            assertEquals(0, anon.count("c", wraps));
            assertEquals(List.of(), asBob.req("w", wraps));
            assertEquals(0, asBob.count("c", wraps));
            assertEquals(List.of(wrap.id()), asAlice.req("w", wraps).stream().map(Event::id).toList());
            assertEquals(1, asAlice.count("c", wraps));

            Event live = event(carol, 1059, node.now(), "more ciphertext", Tag.of("p", alice.publicKey().hex()));
            asBob.req("live", wraps);
            asAlice.req("live", wraps);
            writer.publishAccepted(live);
            assertEquals(live.id(), asAlice.liveEvent("live", Duration.ofSeconds(5)).orElseThrow().id());
            assertTrue(asBob.liveEvent("live", Duration.ofMillis(300)).isEmpty(), "bob must not see alice's wrap");
            assertTrue(anon.liveEvent("all", Duration.ofMillis(300)).isEmpty(), "an anonymous match-all must not see it");
        }
    }

    @Test
    void aConnectionMayAuthenticateAsSeveralKeys() {
        Event toAlice = event(carol, 1059, node.now(), "c1", Tag.of("p", alice.publicKey().hex()));
        Event toBob = event(carol, 1059, node.now() - 1, "c2", Tag.of("p", bob.publicKey().hex()));
        try (WsClient c = node.connect()) {
            c.publishAccepted(toAlice);
            c.publishAccepted(toBob);
            c.authAccepted(alice, node.now());
            c.authAccepted(bob, node.now());
            assertEquals(List.of(toAlice.id(), toBob.id()), c.req("w", Filter.builder().kinds(1059).build()).stream().map(Event::id).toList());
        }
    }

    @Test
    void aVanishRequestRemovesEverythingItsAuthorWrote() {
        try (WsClient c = node.connect()) {
            Event a1 = note(alice, node.now() - 10, "one");
            Event b1 = note(bob, node.now() - 10, "bob stays");
            c.publishAccepted(a1);
            c.publishAccepted(event(alice, 0, node.now() - 9, "{}"));
            c.publishAccepted(b1);
            c.publishAccepted(event(alice, 62, node.now(), "forget me", Tag.of("relay", c.url())));
            assertEquals(List.of(), c.req("a", Filter.builder().authors(alice.publicKey()).kinds(0, 1).build()));
            assertEquals(List.of(b1.id()), c.req("b", Filter.builder().authors(bob.publicKey()).build()).stream().map(Event::id).toList());
        }
    }
}
