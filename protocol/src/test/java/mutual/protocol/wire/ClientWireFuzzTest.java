package mutual.protocol.wire;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Limits;

/**
 * Fuzzes {@link ClientWire#decode}, the first code that touches every byte a stranger sends.
 * Properties: the only exception is {@link DecodeException} (no other runtime exception, no
 * stack overflow, no out-of-memory), and whatever decodes re-encodes to a message that decodes
 * to the same value.
 *
 * <p>A plain {@code mvn test} runs only the seed inputs in
 * {@code src/test/resources/mutual/protocol/wire/ClientWireFuzzTestInputs/decodesToMessagesOrDecodeException/}
 * (regression mode). To fuzz for real, one fuzz test per run:
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -pl protocol test -Dtest=ClientWireFuzzTest
 * </pre>
 * ({@code @FuzzTest(maxDuration)} below is the default; {@code JAZZER_MAX_DURATION} or
 * {@code -Djazzer.max_duration} overrides it.) Findings are written as crash files into this
 * test's Inputs directory, where later plain test runs replay them; the growing corpus goes to
 * {@code .cifuzz-corpus/}, which is not committed.
 */
class ClientWireFuzzTest {
    private static final ClientWire WIRE = ClientWire.create(Limits.defaults());
    /** Re-encoding may escape characters that arrived raw, so the second decode gets room to spare. */
    private static final ClientWire ROOMY = ClientWire.create(Limits.defaults().withMaxMessageBytes(8 * Limits.defaults().maxMessageBytes()));

    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({"\"EVENT\"", "\"REQ\"", "\"COUNT\"", "\"CLOSE\"", "\"AUTH\"", "\"NEG-OPEN\"", "\"NEG-MSG\"", "\"NEG-CLOSE\"",
            "\"id\"", "\"pubkey\"", "\"created_at\"", "\"kind\"", "\"tags\"", "\"content\"", "\"sig\"",
            "\"ids\"", "\"authors\"", "\"kinds\"", "\"#e\"", "\"since\"", "\"until\"", "\"limit\"", "\"search\"",
            "\"0000000000000000000000000000000000000000000000000000000000000000\"", "\\u0000", "\\ud800"})
    void decodesToMessagesOrDecodeException(byte[] input) {
        check(() -> WIRE.decode(input));
        check(() -> WIRE.decode(new String(input, StandardCharsets.UTF_8)));
    }

    private static void check(java.util.function.Supplier<ClientMessage> decode) {
        ClientMessage m;
        try {
            m = decode.get();
        } catch (DecodeException expected) {
            return;
        }
        String again = ClientWire.encode(m);
        ClientMessage back;
        try {
            back = ROOMY.decode(again);
        } catch (DecodeException e) {
            throw new AssertionError("our own encoding of a decoded message is rejected (" + e.getMessage() + "): " + again);
        }
        if (!same(m, back)) throw new AssertionError("re-encoding changed the message: " + m + " became " + back);
    }

    /** Record equality, except for the byte arrays that negentropy messages carry. */
    static boolean same(ClientMessage a, ClientMessage b) {
        return switch (a) {
            case ClientMessage.NegOpen x -> b instanceof ClientMessage.NegOpen y && x.subscriptionId().equals(y.subscriptionId())
                    && x.filter().equals(y.filter()) && Arrays.equals(x.message(), y.message());
            case ClientMessage.NegMsg x -> b instanceof ClientMessage.NegMsg y && x.subscriptionId().equals(y.subscriptionId())
                    && Arrays.equals(x.message(), y.message());
            default -> a.equals(b);
        };
    }
}
