package mutual.protocol.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import mutual.protocol.TestJson;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.crypto.Signature;
import mutual.protocol.event.Canonical;
import mutual.protocol.event.EscapeStyle;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventId;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.EventReader;
import mutual.protocol.event.Tag;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.Test;

/**
 * Mutual and nostr-tools agree byte for byte: canonical serialization, ids, signatures and the
 * event JSON itself, on strings chosen to break serializers (docs/protocol.md, "Canonical
 * serialization and event ids").
 */
class NostrToolsInteropTest {
    private static final Json JSON = Json.create(Limits.defaults());

    @Test
    void canonicalBytesAndIdsAgreeOnTenThousandNastyEvents() throws Exception {
        SplittableRandom r = new SplittableRandom(20261125);
        List<Event> events = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] pk = new byte[32];
            r.nextBytes(pk);
            List<Tag> tags = new ArrayList<>();
            for (int t = r.nextInt(5); t > 0; t--) {
                List<String> values = new ArrayList<>();
                for (int v = 1 + r.nextInt(4); v > 0; v--) values.add(NastyStrings.next(r, 12));
                tags.add(new Tag(values));
            }
            PubKey pubkey = PubKey.of(pk);
            long createdAt = r.nextLong(0, 1L << 40);
            int kind = r.nextInt(65536);
            String content = NastyStrings.next(r, 80);
            EventId id = Canonical.id(pubkey, createdAt, kind, tags, content, EscapeStyle.JSON_STRINGIFY);
            Event e = new Event(id, pubkey, createdAt, kind, tags, content, Signature.of(new byte[64]));
            events.add(e);
            requests.add("{\"op\":\"serialize\",\"event\":" + EventJson.write(e) + "}");
        }
        try (NodeScript tools = NodeScript.start("events.mjs")) {
            List<String> replies = tools.exchange(requests);
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> reply = TestJson.map(TestJson.parse(replies.get(i)));
                Event e = events.get(i);
                assertEquals(Hex.encode(Canonical.serialize(e)), reply.get("hex"), () -> "serialization differs for " + EventJson.write(e));
                assertEquals(e.id().hex(), reply.get("id"));
            }
        }
    }

    @Test
    void eventsSignedByNostrToolsVerifyHereAndOursVerifyThere() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        List<String> signRequests = new ArrayList<>();
        List<Event> ours = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            SecretKey key = SecretKey.generate(r);
            String content = NastyStrings.next(r, 60);
            String tagValue = NastyStrings.next(r, 10);
            signRequests.add("{\"op\":\"sign\",\"sk\":\"" + key.hex() + "\",\"template\":{\"kind\":" + (i % 3 == 0 ? 30402 : 1)
                    + ",\"created_at\":" + (1_700_000_000 + i) + ",\"tags\":[[\"t\"," + EventJson.quote(tagValue) + "],[\"d\",\"x" + i
                    + "\"]],\"content\":" + EventJson.quote(content) + "}}");
            ours.add(EventBuilder.create(i % 2 == 0 ? 1 : 30402, 1_700_000_000 + i).tag("t", tagValue).tag("d", "y" + i).content(content).sign(key));
        }
        try (NodeScript tools = NodeScript.start("events.mjs")) {
            List<String> signed = tools.exchange(signRequests);
            List<String> reparse = new ArrayList<>();
            for (String reply : signed) {
                String json = (String) TestJson.map(TestJson.parse(reply)).get("json");
                Event e = EventReader.read(JSON, json);
                assertEquals(Optional.empty(), EventCheck.problem(e), "a nostr-tools event must verify: " + json);
                reparse.add("{\"op\":\"reparse\",\"original\":" + EventJson.quote(json) + ",\"json\":" + EventJson.quote(EventJson.write(e)) + "}");
            }
            for (String reply : tools.exchange(reparse)) {
                Map<String, Object> m = TestJson.map(TestJson.parse(reply));
                assertEquals(true, m.get("same"), "our JSON of a nostr-tools event reads back identically: " + reply);
            }
            List<String> verify = ours.stream().map(e -> "{\"op\":\"verify\",\"event\":" + EventJson.write(e) + "}").toList();
            List<String> verdicts = tools.exchange(verify);
            for (int i = 0; i < ours.size(); i++) {
                assertEquals("{\"ok\":true}", verdicts.get(i), "nostr-tools must verify " + EventJson.write(ours.get(i)));
            }
        }
    }

    @Test
    void ourStringEscapingIsJsonStringifys() throws Exception {
        SplittableRandom r = new SplittableRandom(99);
        List<String> requests = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        SecretKey key = SecretKey.generate(r);
        for (int i = 0; i < 500; i++) {
            Event e = EventBuilder.create(1, 1_700_000_000).tag("t", NastyStrings.next(r, 20)).content(NastyStrings.next(r, 60)).sign(key);
            events.add(e);
            String json = EventJson.write(e);
            requests.add("{\"op\":\"reparse\",\"original\":" + EventJson.quote(json) + ",\"json\":" + EventJson.quote(json) + "}");
        }
        try (NodeScript tools = NodeScript.start("events.mjs")) {
            List<String> replies = tools.exchange(requests);
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> m = TestJson.map(TestJson.parse(replies.get(i)));
                Event e = events.get(i);
                assertEquals(m.get("content"), EventJson.quote(e.content()), "content escaping");
                String tagsJson = "[[\"t\"," + EventJson.quote(e.tags().get(0).values().get(1)) + "]]";
                assertEquals(m.get("tags"), tagsJson, "tag escaping");
                assertTrue(EventJson.write(e).getBytes(StandardCharsets.UTF_8).length > 0);
            }
        }
    }
}
