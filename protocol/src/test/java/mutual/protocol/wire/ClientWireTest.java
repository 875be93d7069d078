package mutual.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Limits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Hostile client messages: each is rejected with a {@link DecodeException} that names the problem, and nothing else escapes. */
class ClientWireTest {
    private static final Limits LIMITS = Limits.defaults();
    private static final ClientWire WIRE = ClientWire.create(LIMITS);
    static final String EVENT = "{\"id\":\"" + "0".repeat(64) + "\",\"pubkey\":\"" + "1".repeat(64)
            + "\",\"created_at\":1700000000,\"kind\":1,\"tags\":[[\"t\",\"x\"]],\"content\":\"hi\",\"sig\":\"" + "2".repeat(128) + "\"}";

    @Test
    void decodesEveryKindOfMessage() {
        assertInstanceOf(ClientMessage.Publish.class, WIRE.decode("[\"EVENT\"," + EVENT + "]"));
        assertInstanceOf(ClientMessage.Auth.class, WIRE.decode("[\"AUTH\"," + EVENT + "]"));
        ClientMessage.Req req = (ClientMessage.Req) WIRE.decode("[\"REQ\",\"s\",{\"kinds\":[1]},{\"#t\":[\"x\"]}]");
        assertEquals(2, req.filters().size());
        assertInstanceOf(ClientMessage.Count.class, WIRE.decode("[\"COUNT\",\"s\",{}]"));
        assertEquals(new ClientMessage.Close("s"), WIRE.decode("[\"CLOSE\",\"s\"]"));
        assertArrayEquals(new byte[] {0x61, (byte) 0xff}, ((ClientMessage.NegOpen) WIRE.decode("[\"NEG-OPEN\",\"s\",{},\"61ff\"]")).message());
        assertInstanceOf(ClientMessage.NegMsg.class, WIRE.decode("[\"NEG-MSG\",\"s\",\"\"]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new ClientMessage.NegClose("s"), WIRE.decode("[\"NEG-CLOSE\",\"s\"]"));
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000, 10_000, 100_000})
    void rejectsDeepNestingWithoutOverflowingTheStack(int depth) {
        String open = "[".repeat(depth), close = "]".repeat(depth);
        rejects("the message type must be a string, got an array", open + close);
        rejects("nesting depth", "[\"REQ\",\"s\",{\"x\":" + open + close + "}]");
        rejects("nesting depth", "[\"EVENT\"," + EVENT.replace("{\"id\"", "{\"x\":" + open + "1" + close + ",\"id\"") + "]");
        int objects = Math.min(depth, 50_000); // 100 000 nested objects would exceed the message size limit first
        rejects("nesting depth", "[\"REQ\",\"s\",{\"x\":" + "{\"a\":".repeat(objects) + "1" + "}".repeat(objects) + "}]");
        rejects("nesting depth", "[\"REQ\",\"s\",{\"x\":" + open); // never closed
    }

    @Test
    void rejectsAMessageLargerThanTheLimitBeforeParsingIt() {
        String big = "[\"CLOSE\",\"" + "a".repeat(LIMITS.maxMessageBytes()) + "\"]";
        rejects("longer than the limit of " + LIMITS.maxMessageBytes(), big);
        DecodeException e = assertThrows(DecodeException.class, () -> WIRE.decode(big.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("more than the limit of " + LIMITS.maxMessageBytes()), e.getMessage());
    }

    @Test
    void rejectsTooManyTagsFiltersAndFilterValues() {
        String tags = "[" + "[\"t\",\"x\"],".repeat(LIMITS.maxTags()) + "[\"t\",\"x\"]]";
        rejects("more than " + LIMITS.maxTags() + " tags", "[\"EVENT\"," + EVENT.replace("[[\"t\",\"x\"]]", tags) + "]");
        String tag = "[\"t\"" + ",\"x\"".repeat(LIMITS.maxTagElements()) + "]";
        rejects("a tag has more than " + LIMITS.maxTagElements() + " elements", "[\"EVENT\"," + EVENT.replace("[\"t\",\"x\"]", tag) + "]");
        rejects("more than " + LIMITS.maxFilters() + " filters", "[\"REQ\",\"s\"" + ",{}".repeat(LIMITS.maxFilters() + 1) + "]");
        rejects("kinds has more than " + LIMITS.maxFilterValues(), "[\"REQ\",\"s\",{\"kinds\":[" + "1,".repeat(LIMITS.maxFilterValues()) + "1]}]");
        rejects("#t has more than " + LIMITS.maxFilterValues(), "[\"REQ\",\"s\",{\"#t\":[" + "\"a\",".repeat(LIMITS.maxFilterValues()) + "\"a\"]}]");
    }

    @Test
    void rejectsSubscriptionIdsThatAreEmptyOrTooLong() {
        rejects("longer than 64 characters", "[\"REQ\",\"" + "s".repeat(65) + "\",{}]");
        rejects("longer than 64 characters", "[\"CLOSE\",\"" + "s".repeat(100_000) + "\"]");
        rejects("must not be empty", "[\"CLOSE\",\"\"]");
        assertEquals(new ClientMessage.Close("s".repeat(64)), WIRE.decode("[\"CLOSE\",\"" + "s".repeat(64) + "\"]"));
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        rejects("a message must be an array, got an object", "{\"EVENT\":1}");
        rejects("a message must be an array, got end of input", "");
        rejects("the message type must be a string, got a whole number", "[1]");
        rejects("the event must be an object, got a string", "[\"EVENT\",\"x\"]");
        rejects("the subscription id must be a string, got a whole number", "[\"CLOSE\",1]");
        rejects("filters must be objects, got a string", "[\"REQ\",\"s\",\"x\"]");
        rejects("at least one filter is required", "[\"REQ\",\"s\"]");
        rejects("kinds must be whole numbers, got a string", "[\"REQ\",\"s\",{\"kinds\":[\"1\"]}]");
        rejects("since must be a whole number, got a fractional number", "[\"REQ\",\"s\",{\"since\":1.5}]");
        rejects("authors must be 64 lowercase hex", "[\"REQ\",\"s\",{\"authors\":[\"" + "A".repeat(64) + "\"]}]");
        rejects("tag filter #ab must be # followed by one letter", "[\"REQ\",\"s\",{\"#ab\":[]}]");
        rejects("the NEG-OPEN filter must be an object, got a string", "[\"NEG-OPEN\",\"s\",\"61\"]");
        rejects("the negentropy message must be lowercase hex", "[\"NEG-MSG\",\"s\",\"6g\"]");
        rejects("the negentropy message must be lowercase hex", "[\"NEG-MSG\",\"s\",\"616\"]");
        rejects("tag elements must be strings, got a whole number", "[\"EVENT\"," + EVENT.replace("[\"t\",\"x\"]", "[\"t\",1]") + "]");
    }

    @Test
    void rejectsHugeNumbers() {
        rejects("kind must be between 0 and 65535", "[\"EVENT\"," + EVENT.replace("\"kind\":1", "\"kind\":65536") + "]");
        rejects("kind is out of range", "[\"EVENT\"," + EVENT.replace("\"kind\":1", "\"kind\":99999999999999999999") + "]");
        rejects("JSON exceeds a limit", "[\"EVENT\"," + EVENT.replace("\"kind\":1", "\"kind\":" + "9".repeat(1000)) + "]");
        rejects("kinds must be between 0 and 65535", "[\"REQ\",\"s\",{\"kinds\":[-1]}]");
        rejects("until is out of range", "[\"REQ\",\"s\",{\"until\":18446744073709551616}]");
    }

    @Test
    void rejectsTrailingGarbageAndExtraElements() {
        rejects("trailing data after the JSON value", "[\"CLOSE\",\"s\"] []");
        rejects("malformed JSON", "[\"CLOSE\",\"s\"] x");
        rejects("CLOSE message has extra elements", "[\"CLOSE\",\"s\",\"t\"]");
        rejects("EVENT message has extra elements", "[\"EVENT\"," + EVENT + ",1]");
        rejects("malformed JSON", "[\"CLOSE\",\"s\"");
        rejects("malformed JSON", "[\"CLOSE\",\"s\",]");
    }

    @Test
    void rejectsAnUnknownMessageTypeNamingIt() {
        rejects("unknown message type \"HELLO\"", "[\"HELLO\",\"s\"]");
        rejects("unknown message type \"" + "X".repeat(32) + "…\"", "[\"" + "X".repeat(10_000) + "\"]");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] bad = {'[', '"', 'C', 'L', 'O', 'S', 'E', '"', ',', '"', (byte) 0xc3, (byte) 0x28, '"', ']'};
        DecodeException e = assertThrows(DecodeException.class, () -> WIRE.decode(bad));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void reencodesWhatItDecodes() {
        for (String m : List.of("[\"EVENT\"," + EVENT + "]", "[\"REQ\",\"ü 🫶\",{\"ids\":[],\"#e\":[\"\\u0000\"]},{\"limit\":0}]",
                "[\"NEG-OPEN\",\"s\",{\"kinds\":[30402]},\"00ff\"]")) {
            ClientMessage first = WIRE.decode(m);
            assertTrue(ClientWireFuzzTest.same(first, WIRE.decode(ClientWire.encode(first))), m);
        }
    }

    private static void rejects(String fragment, String message) {
        DecodeException e = assertThrows(DecodeException.class, () -> WIRE.decode(message));
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in \"" + e.getMessage() + "\"");
    }
}
