package mutual.engine.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mutual.protocol.event.EventId;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Limits;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Whole client conversations driven through a session without a network. Whatever the client
 * sends, the session never throws, every frame it emits is a well-formed relay message, every
 * EVENT gets exactly one OK (when its id can be recovered), and the connection stays usable.
 */
class SessionFuzzTest {
    private static final RelayWire RELAY_WIRE = RelayWire.create(Limits.defaults().withMaxMessageBytes(16 << 20));
    private static final ClientWire CLIENT_WIRE = ClientWire.create(Limits.defaults());
    private static SessionHarness harness;
    private static Path dir;

    private static synchronized SessionHarness harness() throws IOException {
        if (harness == null) {
            dir = Files.createTempDirectory("mutual-session-fuzz");
            harness = new SessionHarness(dir, SessionHarness.unlimited());
        }
        return harness;
    }

    @AfterAll
    static void closeHarness() throws IOException {
        if (harness == null) return;
        harness.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        harness = null;
    }

    @FuzzTest(maxDuration = "30s")
    void anyConversationGetsWellFormedAnswers(FuzzedDataProvider data) throws Exception {
        converse(Choices.of(data));
    }

    @Test
    void seededRandomConversationsGetWellFormedAnswers() throws Exception {
        Random random = new Random(4242);
        for (int i = 0; i < 150; i++) converse(Choices.of(random, 40));
    }

    private static void converse(Choices choices) throws Exception {
        SessionHarness h = harness();
        SessionHarness.Connection c = h.open();
        MessageMaker maker = new MessageMaker(h.clock.seconds());
        Map<EventId, Integer> publishes = new HashMap<>();
        for (int i = 0; i < 30 && !choices.done(); i++) {
            String text = maker.next(choices, c.session(), h.clock.seconds());
            c.session().onText(text); // must not throw
            try {
                if (CLIENT_WIRE.decode(text) instanceof ClientMessage.Publish p) publishes.merge(p.event().id(), 1, Integer::sum);
            } catch (DecodeException e) {
                // answered at once: with an OK when the event id could be recovered
                Salvage.eventId(text).ifPresent(id -> publishes.merge(id, 1, Integer::sum));
            }
        }
        c.session().onText("[\"COUNT\",\"final\",{}]");
        // OKs for events come from the writer thread; wait until each decodable EVENT has its answers.
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<EventId, Integer> oks;
        do {
            oks = okCounts(c.sent());
            if (oks.keySet().containsAll(publishes.keySet()) && publishes.entrySet().stream()
                    .allMatch(e -> oks(e.getKey(), c.sent()) >= e.getValue())) break;
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        List<RelayMessage> replies = new ArrayList<>();
        for (String frame : c.sent()) replies.add(RELAY_WIRE.decode(frame)); // well-formed, or this throws
        for (var e : publishes.entrySet()) assertEquals(e.getValue(), oks(e.getKey(), c.sent()), "OKs for " + e.getKey().hex());
        assertEquals(1, replies.stream().filter(m -> m instanceof RelayMessage.CountResult r && r.subscriptionId().equals("final")).count());
        assertNull(c.out().closed(), "the session must not drop the connection");
        c.session().onClose();
    }

    private static Map<EventId, Integer> okCounts(List<String> frames) {
        Map<EventId, Integer> out = new HashMap<>();
        for (String f : frames)
            if (f.startsWith("[\"OK\"") && RELAY_WIRE.decode(f) instanceof RelayMessage.Ok ok) out.merge(ok.eventId(), 1, Integer::sum);
        return out;
    }

    private static int oks(EventId id, List<String> frames) {
        return okCounts(frames).getOrDefault(id, 0);
    }
}
