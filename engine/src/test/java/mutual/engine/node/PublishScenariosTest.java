package mutual.engine.node;

import static mutual.engine.testing.Keys.event;
import static mutual.engine.testing.Keys.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.wire.RelayMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a node answers to one EVENT, scenario by scenario, over a real WebSocket: each row sets
 * up what it needs (earlier events, AUTH) on a fresh connection with fresh keys, publishes one
 * event and checks the OK's flag and prefix.
 */
class PublishScenariosTest {
    @TempDir
    static Path dir;
    static TestNode node;
    static final AtomicInteger seeds = new AtomicInteger(100);

    @BeforeAll
    static void start() {
        node = TestNode.start(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** a, b: two fresh keys per scenario. */
    record Ctx(TestNode node, WsClient client, SecretKey a, SecretKey b, long now) {}

    interface Setup {
        Event run(Ctx c);
    }

    static Arguments row(String name, Setup setup, boolean accepted, String prefix) {
        return Arguments.of(name, setup, accepted, prefix);
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                row("a fresh note is stored", c -> note(c.a(), c.now(), "hello"), true, ""),
                row("the same note twice is a duplicate", c -> {
                    Event e = note(c.a(), c.now(), "twice");
                    c.client().publishAccepted(e);
                    return e;
                }, true, "duplicate:"),
                row("a newer replaceable version replaces the old one", c -> {
                    c.client().publishAccepted(event(c.a(), 0, c.now() - 10, "{\"name\":\"old\"}"));
                    return event(c.a(), 0, c.now(), "{\"name\":\"new\"}");
                }, true, ""),
                row("an older replaceable version is superseded", c -> {
                    c.client().publishAccepted(event(c.a(), 0, c.now(), "{\"name\":\"new\"}"));
                    return event(c.a(), 0, c.now() - 10, "{\"name\":\"old\"}");
                }, true, "duplicate:"),
                row("an older addressable version is superseded", c -> {
                    c.client().publishAccepted(event(c.a(), 30402, c.now(), "new", Tag.of("d", "bike")));
                    return event(c.a(), 30402, c.now() - 10, "old", Tag.of("d", "bike"));
                }, true, "duplicate:"),
                row("an addressable event with another d tag is separate", c -> {
                    c.client().publishAccepted(event(c.a(), 30402, c.now(), "bike", Tag.of("d", "bike")));
                    return event(c.a(), 30402, c.now() - 10, "tent", Tag.of("d", "tent"));
                }, true, ""),
                row("a deleted event cannot come back (NIP-09)", c -> {
                    Event e = note(c.a(), c.now() - 5, "regret");
                    c.client().publishAccepted(e);
                    c.client().publishAccepted(event(c.a(), 5, c.now(), "", Tag.of("e", e.id().hex())));
                    return e;
                }, false, "blocked:"),
                row("an expired event is refused (NIP-40)", c -> note(c.a(), c.now() - 60, "old news",
                        Tag.of("expiration", Long.toString(c.now() - 1))), false, "invalid:"),
                row("an event that expires later is accepted", c -> note(c.a(), c.now(), "soon gone",
                        Tag.of("expiration", Long.toString(c.now() + 60))), true, ""),
                row("an event from the far future is refused", c -> note(c.a(), c.now() + 901, "tomorrow"), false, "invalid:"),
                row("an event slightly in the future is accepted", c -> note(c.a(), c.now() + 899, "soon"), true, ""),
                row("a bad signature is refused", c -> Keys.withSignatureOf(note(c.a(), c.now(), "x"), note(c.a(), c.now(), "y")),
                        false, "invalid:"),
                row("an id that does not match the content is refused", c -> Keys.tampered(note(c.a(), c.now(), "x")), false, "invalid:"),
                row("a protected event without AUTH asks for it (NIP-70)", c -> note(c.a(), c.now(), "mine", Tag.of("-")),
                        false, "auth-required:"),
                row("a protected event from its authenticated author is accepted", c -> {
                    c.client().authAccepted(c.a(), c.now());
                    return note(c.a(), c.now(), "mine", Tag.of("-"));
                }, true, ""),
                row("a protected event over a connection authenticated as someone else is restricted", c -> {
                    c.client().authAccepted(c.b(), c.now());
                    return note(c.a(), c.now(), "mine", Tag.of("-"));
                }, false, "restricted:"),
                row("a vanish request naming another relay is refused (NIP-62)", c -> event(c.a(), 62, c.now(), "bye",
                        Tag.of("relay", "wss://elsewhere.example/")), false, "invalid:"),
                row("a vanish request without a relay tag is refused", c -> event(c.a(), 62, c.now(), "bye"), false, "invalid:"),
                row("a vanish request for all relays is accepted", c -> event(c.a(), 62, c.now(), "bye",
                        Tag.of("relay", "ALL_RELAYS")), true, ""),
                row("a vanish request naming this relay is accepted", c -> event(c.a(), 62, c.now(), "bye",
                        Tag.of("relay", c.client().url())), true, ""),
                row("an event from before its author vanished is refused", c -> {
                    c.client().publishAccepted(event(c.a(), 62, c.now(), "bye", Tag.of("relay", "ALL_RELAYS")));
                    return note(c.a(), c.now() - 5, "before");
                }, false, "blocked:"),
                row("a gift wrap without a recipient is refused (NIP-59)", c -> event(c.a(), 1059, c.now(), "ciphertext"),
                        false, "invalid:"),
                row("a gift wrap with a malformed recipient is refused", c -> event(c.a(), 1059, c.now(), "ciphertext",
                        Tag.of("p", "not-a-key")), false, "invalid:"),
                row("a gift wrap naming its recipient is accepted", c -> event(c.a(), 1059, c.now(), "ciphertext",
                        Tag.of("p", c.b().publicKey().hex())), true, ""),
                row("an AUTH event sent as EVENT is refused (NIP-42)", c -> event(c.a(), 22242, c.now(), "",
                        Tag.of("challenge", "x")), false, "invalid:"),
                row("an ephemeral event is accepted", c -> event(c.a(), 20001, c.now(), "typing"), true, ""),
                row("an event with an over-long tag value is refused", c -> note(c.a(), c.now(), "x",
                        Tag.of("t", "v".repeat(9000))), false, "invalid:"),
                row("an event larger than the limit is refused", c -> note(c.a(), c.now(), "x".repeat(200_000),
                        Tag.of("alt", "y".repeat(8000)), Tag.of("alt", "y".repeat(8000)), Tag.of("alt", "y".repeat(8000)),
                        Tag.of("alt", "y".repeat(8000)), Tag.of("alt", "y".repeat(8000)), Tag.of("alt", "y".repeat(8000)),
                        Tag.of("alt", "y".repeat(8000)), Tag.of("alt", "y".repeat(8000))), false, "invalid:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void answersEachEventAsExpected(String name, Setup setup, boolean accepted, String prefix) {
        int seed = seeds.getAndAdd(2);
        try (WsClient client = node.connect()) {
            Ctx ctx = new Ctx(node, client, Keys.key(seed), Keys.key(seed + 1), node.now());
            Event e = setup.run(ctx);
            RelayMessage.Ok ok = client.publish(e);
            assertEquals(accepted, ok.accepted(), name + ": " + ok.message());
            if (prefix.isEmpty()) assertEquals("", ok.message(), name);
            else assertTrue(ok.message().startsWith(prefix + " "), name + ": expected " + prefix + " but got " + ok.message());
        }
    }
}
