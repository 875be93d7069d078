package mutual.protocol.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import mutual.protocol.Vectors;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The NIP-01 event fixtures: each valid case accepted with its exact serialization, each invalid one rejected for its own reason. */
@org.junit.jupiter.api.extension.ExtendWith(mutual.protocol.SkipVisibly.class)
class EventFixturesTest {
    private static final Json JSON = Json.create(Limits.defaults());
    private static final long MAX_FUTURE = 900;

    /** The reason each invalid fixture must be rejected for, as a fragment of our message. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("id-mismatch-content-altered", "id does not match"),
            Map.entry("bad-signature-bitflip", "bad signature"),
            Map.entry("sig-not-hex", "sig must be 128 lowercase hex"),
            Map.entry("sig-short", "sig must be 128 lowercase hex"),
            Map.entry("id-uppercase-hex", "id must be 64 lowercase hex"),
            Map.entry("pubkey-swapped", "id does not match"),
            Map.entry("pubkey-not-on-curve", "id does not match"),
            Map.entry("far-future-created_at", "in the future"),
            Map.entry("created_at-negative", "created_at must be between"),
            Map.entry("created_at-overflow-2^64", "created_at is out of range"),
            Map.entry("created_at-float", "created_at must be a whole number"),
            Map.entry("kind-out-of-range", "kind must be between"),
            Map.entry("duplicate-json-key", "Duplicate field"));

    @TestFactory
    Stream<DynamicTest> everyFixtureIsJudgedAsExpected() {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("nip01-event-fixtures.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(root.get("cases"))) {
            Map<String, Object> c = TestJson.map(o);
            String name = (String) c.get("name");
            tests.add(DynamicTest.dynamicTest(name, () -> check(name, c)));
        }
        return tests.stream();
    }

    private static void check(String name, Map<String, Object> c) {
        String raw = c.containsKey("raw_event_json") ? (String) c.get("raw_event_json") : toJson(c.get("event"));
        long now = c.containsKey("relative_to") ? (Long) c.get("relative_to") : 1_700_000_000L;
        String expect = (String) c.get("expect");
        Optional<String> problem;
        Event e = null;
        try {
            e = EventReader.read(JSON, raw);
            problem = EventCheck.problem(e, now, MAX_FUTURE);
        } catch (DecodeException ex) {
            problem = Optional.of(ex.getMessage());
        }
        if (expect.startsWith("reject")) {
            assertTrue(problem.isPresent(), name + " must be rejected");
            String reason = REASONS.get(name);
            if (reason == null) fail("no expected reason recorded for " + name + "; got: " + problem.get());
            assertTrue(problem.get().contains(reason), name + " rejected for the wrong reason: " + problem.get());
        } else {
            assertEquals(Optional.empty(), problem, name + " must be accepted");
            if (c.containsKey("serialized")) {
                assertEquals(c.get("serialized"), new String(Canonical.serialize(e), StandardCharsets.UTF_8));
            }
        }
    }

    /** Re-serializes a fixture's event object exactly as given (numbers and all). */
    private static String toJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> en : m.entrySet()) {
                if (sb.length() > 1) sb.append(',');
                sb.append(EventJson.quote((String) en.getKey())).append(':').append(toJson(en.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                if (sb.length() > 1) sb.append(',');
                sb.append(toJson(x));
            }
            return sb.append(']').toString();
        }
        if (v instanceof String s) return EventJson.quote(s);
        return String.valueOf(v);
    }
}
