package mutual.protocol.negentropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTest {
    private static final NegentropyLimits LIMITS = NegentropyLimits.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 00", "1, 01", "127, 7f", "128, 8100", "300, 822c", "16383, ff7f", "16384, 818000",
            "18446744073709551615, 81ffffffffffffffff7f"})
    void varintsAreBase128MostSignificantDigitFirst(String value, String hex) {
        assertEquals(hex, Hex.encode(Varint.encode(Long.parseUnsignedLong(value))));
    }

    @Test
    void boundTimestampsAreDeltasFromThePreviousBoundAndInfinityIsZero() {
        EventId id = EventId.of(new byte[32]);
        Message m = Message.of(List.of(
                new Range(Bound.of(1000, new byte[0]), new RangeMode.Skip()),
                new Range(Bound.of(1005, new byte[] {(byte) 0xab}), new RangeMode.IdList(List.of(id))),
                new Range(Bound.infinity(), new RangeMode.FingerprintOf(Fingerprint.of(new byte[16])))));
        String hex = Hex.encode(m.toBytes());
        // 0x61 | ts 1000+1 = 87 69, prefix 0, Skip | ts +5+1 = 06, prefix 1 ab, IdList 1 id | infinity 00 00, mode 1, 16 zero bytes
        assertEquals("61" + "876900" + "00" + "0601ab" + "02" + "01" + "00".repeat(32) + "0000" + "01" + "00".repeat(16), hex);
        assertEquals(m, Message.parse(m.toBytes(), LIMITS));
    }

    @Test
    void aMessageInANewerVersionParsesAsUnsupportedWithoutRanges() {
        Message m = Message.parse(Hex.parse("62aabbccddeeff"), LIMITS);
        assertEquals(0x62, m.version());
        assertFalse(m.isSupportedVersion());
        assertTrue(m.ranges().isEmpty());
    }

    @Test
    void theServerAnswersAnUnsupportedVersionWithTheVersionItSpeaks() {
        // As the reference protoversion.pl test: reply "61", then serve the retried v1 message.
        NegentropyServer server = Negentropy.server(VectorStorage.builder().add(12345, EventId.fromHex("ee".repeat(32)).orElseThrow()).seal());
        assertEquals("61", Hex.encode(server.reconcile(Hex.parse("62aabbccddeeff"))));
        assertEquals("6100000201" + "ee".repeat(32), Hex.encode(server.reconcile(Hex.parse("6100000200"))));
    }

    @Test
    void theClientRejectsAServerThatDowngradesToAVersionItDoesNotSpeak() {
        NegentropyClient client = Negentropy.client(VectorStorage.builder().seal());
        client.initiate();
        NegentropyException e = assertThrows(NegentropyException.class, () -> client.reconcile(new byte[] {0x60}));
        assertTrue(e.getMessage().contains("0x60"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "''                             | empty negentropy message",
            "51                             | invalid negentropy protocol version byte 0x51",
            "6181                           | ends inside a varint",
            "61808001                       | leading zero digit",
            "61ffffffffffffffffff7f         | longer than 64 bits",
            "610021                         | id prefix of 33 bytes",
            "610002ab                       | ends inside id prefix",
            "61000003                       | unknown range mode 3",
            "61000001aabb                   | ends inside fingerprint",
            "6100000202aa                   | IdList of 2 ids is longer than the rest",
            "61000000020000                 | range after the infinity bound at byte 4",
            "610b000081ffffffffffffffff7f0000 | overflows",
            "6101ff                         | ends inside a varint",
            "61018000                       | leading zero digit",
            // lengths of 2^63 and up are unsigned, not negative: they must not get past the checks
            "610081ffffffffffffffff74       | id prefix of 18446744073709551604 bytes",
            "61000002" + "81ffffffffffffffff74 | IdList of 18446744073709551604 ids is longer than the rest",
            "61000002" + "81808080808480808000 | IdList of 9223372037928517632 ids is longer than the rest",
    })
    void malformedMessagesAreRejectedWithAClearReason(String hex, String reason) {
        NegentropyException e = assertThrows(NegentropyException.class, () -> Message.parse(Hex.parse(hex), LIMITS));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void limitsOnSizeRangesAndIdsAreEnforced() {
        byte[] threeSkips = Hex.parse("61" + "020000" + "020000" + "020000");
        assertThrows(NegentropyException.class, () -> Message.parse(threeSkips, new NegentropyLimits(9, 10, 10)), "too long");
        NegentropyException ranges = assertThrows(NegentropyException.class, () -> Message.parse(threeSkips, new NegentropyLimits(100, 2, 10)));
        assertTrue(ranges.getMessage().contains("more than 2 ranges"), ranges.getMessage());
        byte[] twoIds = Hex.parse("6100000202" + "11".repeat(32) + "22".repeat(32));
        NegentropyException ids = assertThrows(NegentropyException.class, () -> Message.parse(twoIds, new NegentropyLimits(100, 10, 1)));
        assertTrue(ids.getMessage().contains("more than 1 ids"), ids.getMessage());
        assertEquals(2, ((RangeMode.IdList) Message.parse(twoIds, new NegentropyLimits(100, 10, 2)).ranges().get(0).mode()).ids().size());
    }

    @Test
    void aServerFailsCleanlyOnGarbageWithoutAnswering() {
        NegentropyServer server = Negentropy.server(VectorStorage.builder().seal());
        assertThrows(NegentropyException.class, () -> server.reconcile(Hex.parse("6100000205")));
    }

    @Test
    void frameSizeLimitsBelow4096AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NegentropyConfig.defaults().withFrameSizeLimit(4095));
        assertEquals(4096, NegentropyConfig.defaults().withFrameSizeLimit(4096).frameSizeLimit());
    }

    @Test
    void theLargestTimestampIsReservedForInfinity() {
        EventId id = EventId.of(new byte[32]);
        assertThrows(IllegalArgumentException.class, () -> VectorStorage.builder().add(-1L, id));
        assertThrows(IllegalArgumentException.class, () -> new Item(-1L, id));
        // ...but one below it is an ordinary timestamp, and round-trips through a bound.
        Message m = Message.of(List.of(new Range(Bound.of(-2L, new byte[0]), new RangeMode.Skip())));
        assertArrayEquals(m.toBytes(), Message.parse(m.toBytes(), LIMITS).toBytes());
    }
}
