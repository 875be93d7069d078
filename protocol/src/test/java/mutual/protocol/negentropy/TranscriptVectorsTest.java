package mutual.protocol.negentropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import mutual.protocol.Vectors;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-for-byte conformance with transcripts recorded from the reference JavaScript
 * implementation (negentropy-v1-transcripts.json, see PROVENANCE.md): every round's messages
 * and the client's have/need ids, in order.
 */
@org.junit.jupiter.api.extension.ExtendWith(mutual.protocol.SkipVisibly.class)
class TranscriptVectorsTest {
    private static List<Map<String, Object>> cases() {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("negentropy/negentropy-v1-transcripts.json")));
        return TestJson.list(root.get("cases")).stream().map(TestJson::map).toList();
    }

    @TestFactory
    Stream<DynamicTest> ourClientAndServerWriteEveryRecordedMessage() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(name(c), () -> {
            NegentropyConfig cfg = config(c);
            NegentropyClient client = Negentropy.client(storage(c, "client_items"), cfg);
            NegentropyServer server = Negentropy.server(storage(c, "server_items"), cfg);
            List<Map<String, Object>> rounds = rounds(c);
            byte[] msg = client.initiate();
            List<String> allHave = new ArrayList<>(), allNeed = new ArrayList<>();
            for (int i = 0; i < rounds.size(); i++) {
                Map<String, Object> r = rounds.get(i);
                assertEquals(r.get("client_msg"), Hex.encode(msg), "client message, round " + (i + 1));
                byte[] reply = server.reconcile(msg);
                assertEquals(r.get("server_msg"), Hex.encode(reply), "server message, round " + (i + 1));
                ClientStep step = client.reconcile(reply);
                assertEquals(r.get("client_have"), hex(step.have()), "have, round " + (i + 1));
                assertEquals(r.get("client_need"), hex(step.need()), "need, round " + (i + 1));
                allHave.addAll(hex(step.have()));
                allNeed.addAll(hex(step.need()));
                assertEquals(i == rounds.size() - 1, step.isDone(), "done after round " + (i + 1));
                if (!step.isDone()) msg = step.next().orElseThrow();
            }
            assertEquals(c.get("expected_have_sorted"), List.copyOf(new TreeSet<>(allHave)));
            assertEquals(c.get("expected_need_sorted"), List.copyOf(new TreeSet<>(allNeed)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> ourClientAnswersTheRecordedServerMessages() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(name(c), () -> {
            NegentropyClient client = Negentropy.client(storage(c, "client_items"), config(c));
            List<Map<String, Object>> rounds = rounds(c);
            assertEquals(rounds.get(0).get("client_msg"), Hex.encode(client.initiate()));
            for (int i = 0; i < rounds.size(); i++) {
                ClientStep step = client.reconcile(Hex.parse((String) rounds.get(i).get("server_msg")));
                assertEquals(rounds.get(i).get("client_have"), hex(step.have()));
                assertEquals(rounds.get(i).get("client_need"), hex(step.need()));
                if (i + 1 < rounds.size()) {
                    assertEquals(rounds.get(i + 1).get("client_msg"), Hex.encode(step.next().orElseThrow()), "client message, round " + (i + 2));
                } else {
                    assertTrue(step.isDone(), "the client should be done after the last recorded round");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> ourServerAnswersTheRecordedClientMessages() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(name(c), () -> {
            NegentropyServer server = Negentropy.server(storage(c, "server_items"), config(c));
            for (Map<String, Object> r : rounds(c)) {
                byte[] reply = server.reconcile(Hex.parse((String) r.get("client_msg")));
                assertArrayEquals(Hex.parse((String) r.get("server_msg")), reply);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedMessageParsesAndWritesBackIdentically() {
        return cases().stream().flatMap(c -> rounds(c).stream()).flatMap(r -> Stream.of("client_msg", "server_msg").map(k -> (String) r.get(k)))
                .map(h -> DynamicTest.dynamicTest(h.length() > 40 ? h.substring(0, 40) + "…" : h,
                        () -> assertEquals(h, Hex.encode(Message.parse(Hex.parse(h), NegentropyLimits.defaults()).toBytes()))));
    }

    private static String name(Map<String, Object> c) {
        return (String) c.get("name");
    }

    private static NegentropyConfig config(Map<String, Object> c) {
        return NegentropyConfig.defaults().withFrameSizeLimit(((Number) c.get("frameSizeLimit")).intValue());
    }

    private static List<Map<String, Object>> rounds(Map<String, Object> c) {
        return TestJson.list(c.get("rounds")).stream().map(TestJson::map).toList();
    }

    static VectorStorage storage(Map<String, Object> c, String key) {
        VectorStorage.Builder b = VectorStorage.builder();
        for (Object o : TestJson.list(c.get(key))) {
            List<Object> item = TestJson.list(o);
            b.add(((Number) item.get(0)).longValue(), EventId.of(Hex.parse((String) item.get(1))));
        }
        return b.seal();
    }

    private static List<String> hex(List<EventId> ids) {
        return ids.stream().map(EventId::hex).toList();
    }
}
