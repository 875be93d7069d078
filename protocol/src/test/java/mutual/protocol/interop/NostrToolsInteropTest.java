package mutual.protocol.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import mutual.protocol.TestJson;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Canonical;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.EventReader;
import mutual.protocol.event.Tag;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutual against nostr-tools 2.25.2, the reference client nobody here wrote: the same NIP-01
 * serialization and ids on hostile strings, signatures accepted both ways, and event JSON that
 * survives a round trip byte for byte. Skipped when node or {@code interop/node_modules} is missing.
 */
class NostrToolsInteropTest {
    private static final Json JSON = Json.create(Limits.defaults());
    private static final int SERIALIZED_EVENTS = 10_000;
    private static final int SIGNED_EACH_WAY = 400;
    private static NostrTools nostrTools;
    private static Optional<String> unavailable = Optional.empty();

    @BeforeAll
    static void startNode() {
        unavailable = NostrTools.unavailable();
        unavailable.ifPresentOrElse(why -> System.err.println("Skipping NostrToolsInteropTest: " + why),
                () -> nostrTools = NostrTools.start());
    }

    /** Skips each test, rather than the class, so the reason shows in the test report. */
    @BeforeEach
    void needNostrTools() {
        assumeTrue(unavailable.isEmpty(), () -> unavailable.get() + "; skipping");
    }

    @AfterAll
    static void stopNode() {
        if (nostrTools != null) nostrTools.close();
    }

    @Test
    void canonicalSerializationAndIdsMatchNostrToolsOnHostileStrings() {
        SplittableRandom random = new SplittableRandom(20240501);
        List<SecretKey> keys = keys(random, 16);
        Set<String> covered = new TreeSet<>();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < SERIALIZED_EVENTS; i++) {
            Event e = randomTemplate(random, i == 0).sign(keys.get(i % keys.size()));
            strings(e).forEach(s -> NastyText.collectFeatures(s, covered));
            Map<String, Object> reply = nostrTools.ask("{\"op\":\"serialize\",\"event\":" + EventJson.write(e) + "}");
            byte[] ours = Canonical.serialize(e), theirs = Hex.parse((String) reply.get("hex"));
            if (!Arrays.equals(ours, theirs)) mismatches.add("event " + i + ": " + difference(theirs, ours));
            else if (!e.id().hex().equals(reply.get("id"))) mismatches.add("event " + i + ": same bytes, id " + reply.get("id"));
            if (mismatches.size() == 5) break;
        }
        assertEquals(List.of(), mismatches, "serializations that differ from nostr-tools");
        Set<String> missing = new TreeSet<>(NastyText.allFeatures());
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "the generated events must cover every kind of hostile character");
    }

    @Test
    void eventsSignedByNostrToolsVerifyInMutual() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < SIGNED_EACH_WAY; i++) {
            byte[] json = Hex.parse((String) finalizeInNostrTools(random, i == 0).get("json"));
            Event e = EventReader.read(JSON, json);
            assertEquals(Optional.empty(), EventCheck.problem(e), () -> "Mutual rejects " + ascii(json));
        }
    }

    @Test
    void eventsSignedByMutualVerifyInNostrTools() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < SIGNED_EACH_WAY; i++) {
            Event e = randomTemplate(random, i == 0).sign(SecretKey.generate(random));
            Map<String, Object> reply = nostrTools.ask("{\"op\":\"verify\",\"event\":" + EventJson.write(e) + "}");
            assertEquals(true, reply.get("ok"), () -> "nostr-tools rejects " + ascii(EventJson.writeBytes(e)));
        }
    }

    @Test
    void nostrToolsRejectsMutualEventsThatWereAlteredAfterSigning() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20; i++) {
            Event e = randomTemplate(random, false).sign(SecretKey.generate(random));
            Event altered = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content() + "\u0000", e.sig());
            Event otherSig = EventBuilder.create(e.kind(), e.createdAt()).content("other").sign(SecretKey.generate(random));
            Event forged = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), otherSig.sig());
            for (Event bad : List.of(altered, forged))
                assertEquals(false, nostrTools.ask("{\"op\":\"verify\",\"event\":" + EventJson.write(bad) + "}").get("ok"));
        }
    }

    @Test
    void nostrToolsEventsRoundTripThroughMutualByteForByte() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < SIGNED_EACH_WAY; i++) {
            Map<String, Object> reply = finalizeInNostrTools(random, i == 0);
            String original = (String) reply.get("json");
            Event e = EventReader.read(JSON, Hex.parse(original));
            byte[] ours = EventJson.writeBytes(e);
            // JSON.stringify of the same event with our field order: the whole document must match.
            byte[] theirs = Hex.parse((String) reply.get("ordered"));
            if (!Arrays.equals(theirs, ours)) fail("event " + i + " written differently: " + difference(theirs, ours));
            List<String> strings = strings(e);
            List<Object> quoted = TestJson.list(reply.get("strings"));
            assertEquals(quoted.size(), strings.size());
            for (int j = 0; j < strings.size(); j++) {
                byte[] stringify = Hex.parse((String) quoted.get(j)), quote = EventJson.quote(strings.get(j)).getBytes(StandardCharsets.UTF_8);
                if (!Arrays.equals(stringify, quote)) fail("string " + j + " of event " + i + " escaped differently: " + difference(stringify, quote));
            }
            Map<String, Object> back = nostrTools.ask("{\"op\":\"same\",\"original\":\"" + original + "\",\"event\":" + new String(ours, StandardCharsets.UTF_8) + "}");
            assertEquals(true, back.get("equal"), () -> "node parses Mutual's JSON into a different event: " + ascii(ours));
            assertEquals(true, back.get("ok"), () -> "nostr-tools rejects Mutual's rewrite: " + ascii(ours));
        }
    }

    private static Map<String, Object> finalizeInNostrTools(SplittableRandom random, boolean everything) {
        EventBuilder b = randomTemplate(random, everything);
        Event shape = b.sign(SecretKey.generate(random)); // only its fields are sent; nostr-tools signs with its own key
        StringBuilder tags = new StringBuilder("[");
        for (Tag t : shape.tags()) {
            if (tags.length() > 1) tags.append(',');
            tags.append('[').append(String.join(",", t.values().stream().map(EventJson::quote).toList())).append(']');
        }
        tags.append(']');
        return nostrTools.ask("{\"op\":\"finalize\",\"template\":{\"kind\":" + shape.kind() + ",\"created_at\":" + shape.createdAt()
                + ",\"tags\":" + tags + ",\"content\":" + EventJson.quote(shape.content()) + "}}");
    }

    /** A random event; the first of each test carries every hostile piece in its content and a tag. */
    private static EventBuilder randomTemplate(SplittableRandom r, boolean everything) {
        long createdAt = switch (r.nextInt(20)) {
            case 0 -> 0;
            case 1 -> (1L << 53) - 1; // the largest timestamp a JavaScript number holds exactly
            default -> 1_600_000_000L + r.nextLong(200_000_000L);
        };
        EventBuilder b = EventBuilder.create(r.nextInt(20) == 0 ? r.nextInt(65536) : r.nextInt(40_000), createdAt)
                .content(everything ? NastyText.everything() : NastyText.random(r, 60));
        if (everything) b.tag("everything", NastyText.everything(), "");
        int tags = r.nextInt(6);
        for (int i = 0; i < tags; i++) {
            List<String> values = new ArrayList<>();
            values.add(r.nextBoolean() ? "t" : NastyText.random(r, 3));
            int more = r.nextInt(4);
            for (int j = 0; j < more; j++) values.add(NastyText.random(r, 12));
            b.tag(new Tag(values));
        }
        return b;
    }

    private static List<SecretKey> keys(SplittableRandom random, int n) {
        List<SecretKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) keys.add(SecretKey.generate(random));
        return keys;
    }

    private static List<String> strings(Event e) {
        List<String> all = new ArrayList<>();
        all.add(e.content());
        for (Tag t : e.tags()) all.addAll(t.values());
        return all;
    }

    /** Where two byte strings first differ, with some context on each side. */
    private static String difference(byte[] nostrTools, byte[] mutual) {
        int at = Arrays.mismatch(nostrTools, mutual);
        int from = Math.max(0, at - 24);
        return "first difference at byte " + at + "\n  nostr-tools: " + ascii(Arrays.copyOfRange(nostrTools, from, Math.min(nostrTools.length, at + 24)))
                + "\n  Mutual:      " + ascii(Arrays.copyOfRange(mutual, from, Math.min(mutual.length, at + 24)));
    }

    /** Bytes shown with everything outside printable ASCII as \xNN and a backslash doubled, so failures are readable. */
    private static String ascii(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v == '\\') sb.append("\\\\");
            else if (v >= 0x20 && v < 0x7f) sb.append((char) v);
            else sb.append(String.format("\\x%02x", v));
        }
        return sb.toString();
    }
}
