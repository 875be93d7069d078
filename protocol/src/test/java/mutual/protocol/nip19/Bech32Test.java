package mutual.protocol.nip19;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import mutual.protocol.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** BIP-173's own vectors, and round trips and error detection on random data. */
@org.junit.jupiter.api.extension.ExtendWith(mutual.protocol.SkipVisibly.class)
class Bech32Test {
    private static final int BIP173_MAX = 90;
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /** What our message must say for each invalid BIP-173 vector, keyed by the vector's own reason. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("HRP character out of range (0x20)", "U+0020 at position 0 is not allowed"),
            Map.entry("HRP character out of range (0x7F)", "U+007F at position 0 is not allowed"),
            Map.entry("HRP character out of range (0x80)", "U+0080 at position 0 is not allowed"),
            Map.entry("overall max length exceeded (BIP-173 only; NIP-19 relaxes)", "more than the limit of 90"),
            Map.entry("No separator character", "no separator"),
            Map.entry("Empty HRP", "human-readable part is empty"),
            Map.entry("empty HRP", "human-readable part is empty"),
            Map.entry("Invalid data character", "'b' at position 2 is not a bech32 data character"),
            Map.entry("Too short checksum", "checksum is too short"),
            Map.entry("Invalid character in checksum (0xFF)", "U+00FF at position 8 is not allowed"),
            Map.entry("checksum calculated with uppercase form of HRP", "checksum is wrong"));

    @TestFactory
    Stream<DynamicTest> acceptsEveryValidBip173Vector() {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("bip173-bech32-vectors.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(root.get("valid"))) {
            String s = (String) o;
            tests.add(DynamicTest.dynamicTest(s, () -> {
                Bech32.Words w = Bech32.decodeWords(s, BIP173_MAX);
                assertEquals(s.substring(0, s.lastIndexOf('1')).toLowerCase(Locale.ROOT), w.hrp());
                assertEquals(s.toLowerCase(Locale.ROOT), Bech32.encodeWords(w.hrp(), w.words()), "re-encodes to the lowercase form");
            }));
        }
        assertEquals(7, tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryInvalidBip173VectorForItsOwnReason() {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("bip173-bech32-vectors.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(root.get("invalid"))) {
            Map<String, Object> c = TestJson.map(o);
            String s = (String) c.get("s"), reason = (String) c.get("reason");
            tests.add(DynamicTest.dynamicTest(reason, () -> {
                String expected = REASONS.get(reason);
                assertTrue(expected != null, "no expected message recorded for " + reason);
                Bech32Exception e = assertThrows(Bech32Exception.class, () -> Bech32.decodeWords(s, BIP173_MAX));
                assertTrue(e.getMessage().contains(expected), reason + ": got \"" + e.getMessage() + "\"");
            }));
        }
        assertEquals(12, tests.size());
        return tests.stream();
    }

    @Test
    void acceptsStringsLongerThanNinetyWhenTheCallerAllowsIt() {
        byte[] data = new byte[200];
        new Random(1).nextBytes(data);
        String s = Bech32.encode("naddr", data);
        assertTrue(s.length() > BIP173_MAX);
        assertArrayEquals(data, Bech32.decode(s, Bech32.NIP19_MAX_LENGTH).data());
        assertThrows(Bech32Exception.class, () -> Bech32.decode(s, BIP173_MAX));
    }

    @Test
    void rejectsAHumanReadablePartLongerThanBip173Allows() {
        String an84 = "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx";
        Bech32Exception e = assertThrows(Bech32Exception.class, () -> Bech32.decodeWords(an84, 5000));
        assertTrue(e.getMessage().contains("longer than 83"), e.getMessage());
    }

    @Test
    void rejectsMixedCaseButAcceptsAllUppercase() {
        String lower = Bech32.encode("npub", new byte[32]);
        String upper = lower.toUpperCase(Locale.ROOT);
        assertEquals("npub", Bech32.decode(upper, 5000).hrp());
        String mixed = upper.substring(0, 10) + lower.substring(10);
        Bech32Exception e = assertThrows(Bech32Exception.class, () -> Bech32.decode(mixed, 5000));
        assertTrue(e.getMessage().contains("mixes upper and lower case"), e.getMessage());
    }

    @Test
    void rejectsABech32mChecksum() {
        // "a1lqfn3a" is a valid bech32m string (BIP-350); NIP-19 uses the original constant.
        Bech32Exception e = assertThrows(Bech32Exception.class, () -> Bech32.decodeWords("a1lqfn3a", BIP173_MAX));
        assertTrue(e.getMessage().contains("checksum is wrong"), e.getMessage());
    }

    @Test
    void rejectsNonZeroPaddingAndLeftoverGroupsWhenDecodingBytes() {
        String padded = Bech32.encodeWords("x", new byte[] {31, 31}); // 10 bits: one byte plus two set padding bits
        assertTrue(assertThrows(Bech32Exception.class, () -> Bech32.decode(padded, 90)).getMessage().contains("padding bits are not zero"));
        String leftover = Bech32.encodeWords("x", new byte[] {0, 0, 0}); // 15 bits: one byte and a whole spare group
        assertTrue(assertThrows(Bech32Exception.class, () -> Bech32.decode(leftover, 90)).getMessage().contains("extra 5-bit group"));
    }

    @Test
    void refusesToEncodeAnUppercaseOrEmptyPrefix() {
        assertThrows(Bech32Exception.class, () -> Bech32.encode("Npub", new byte[1]));
        assertThrows(Bech32Exception.class, () -> Bech32.encode("", new byte[1]));
    }

    @Test
    void roundTripsRandomDataUnderRandomPrefixes() {
        Random r = new Random(173);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[r.nextInt(400)];
            r.nextBytes(data);
            StringBuilder hrp = new StringBuilder();
            for (int j = 1 + r.nextInt(10); j > 0; j--) hrp.append((char) ('!' + r.nextInt('~' - '!' + 1)));
            String h = hrp.toString().toLowerCase(Locale.ROOT);
            String s = Bech32.encode(h, data);
            Bech32.Decoded d = Bech32.decode(s, 5000);
            assertEquals(h, d.hrp());
            assertArrayEquals(data, d.data());
        }
    }

    @Test
    void detectsEverySingleCharacterSubstitution() {
        Random r = new Random(19);
        for (int i = 0; i < 500; i++) {
            byte[] data = new byte[1 + r.nextInt(80)];
            r.nextBytes(data);
            String s = Bech32.encode("note", data);
            int pos = 5 + r.nextInt(s.length() - 5);
            char old = s.charAt(pos), neu;
            do neu = CHARSET.charAt(r.nextInt(32)); while (neu == old);
            String bad = s.substring(0, pos) + neu + s.substring(pos + 1);
            assertThrows(Bech32Exception.class, () -> Bech32.decode(bad, 5000), "substitution at " + pos + " in " + s);
        }
    }
}
