package mutual.protocol.nip49;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import mutual.protocol.Vectors;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.nip19.Bech32;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** NIP-49 vectors (the NIP's own and nostr-tools'), round trips, and the limits on hostile input. */
@org.junit.jupiter.api.extension.ExtendWith(mutual.protocol.SkipVisibly.class)
class Nip49Test {
    private static Map<String, Object> root() {
        return TestJson.map(TestJson.parse(Vectors.read("nip49-vectors.json")));
    }

    @TestFactory
    Stream<DynamicTest> decryptsEveryPublishedNcryptsec() {
        Map<String, Object> root = root();
        List<DynamicTest> tests = new ArrayList<>();
        for (String group : List.of("decrypt", "roundtrip")) {
            for (Object o : TestJson.list(root.get(group))) {
                Map<String, Object> c = TestJson.map(o);
                String ncryptsec = (String) c.get("ncryptsec");
                tests.add(DynamicTest.dynamicTest(group + " log_n=" + c.get("log_n"), () -> {
                    DecryptedKey d = Nip49.decrypt(ncryptsec, (String) c.get("password"));
                    assertEquals(c.get("secret"), d.key().hex());
                    assertEquals(((Long) c.get("log_n")).intValue(), d.logN());
                    if (c.containsKey("ksb")) assertEquals(((Long) c.get("ksb")).intValue(), d.security().ordinal());
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> encryptsAndDecryptsEveryRoundTripCase() {
        List<DynamicTest> tests = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(49);
        for (Object o : TestJson.list(root().get("roundtrip"))) {
            Map<String, Object> c = TestJson.map(o);
            tests.add(DynamicTest.dynamicTest("log_n=" + c.get("log_n") + " ksb=" + c.get("ksb"), () -> {
                SecretKey key = SecretKey.fromHex((String) c.get("secret")).orElseThrow();
                KeySecurity ksb = KeySecurity.values()[((Long) c.get("ksb")).intValue()];
                String password = (String) c.get("password");
                String enc = Nip49.encrypt(key, password, ((Long) c.get("log_n")).intValue(), ksb, random);
                assertTrue(enc.startsWith("ncryptsec1"));
                DecryptedKey d = Nip49.decrypt(enc, password);
                assertEquals(key, d.key());
                assertEquals(ksb, d.security());
                assertThrows(Nip49Exception.class, () -> Nip49.decrypt(enc, password + "x"));
            }));
        }
        return tests.stream();
    }

    @Test
    void normalizesPasswordsToNfkcAsTheNipShows() {
        Map<String, Object> nfkc = TestJson.map(root().get("nfkc"));
        String input = (String) nfkc.get("input");
        assertEquals(nfkc.get("input_utf8"), Hex.encode(input.getBytes(StandardCharsets.UTF_8)));
        String normalized = Nip49.normalize(input);
        assertEquals(nfkc.get("normalized"), normalized);
        assertEquals(nfkc.get("normalized_utf8"), Hex.encode(normalized.getBytes(StandardCharsets.UTF_8)));
        // The un-normalized spelling opens a key encrypted under the normalized one.
        SecretKey key = SecretKey.generate(new SplittableRandom(5));
        String enc = Nip49.encrypt(key, normalized, 4, KeySecurity.UNTRACKED, new SplittableRandom(6));
        assertEquals(key, Nip49.decrypt(enc, input).key());
    }

    @Test
    void binaryFormIsNinetyOneBytesInTheNipsLayout() {
        SecretKey key = SecretKey.generate(new SplittableRandom(7));
        byte[] b = Nip49.encryptToBytes(key, "pw", 3, KeySecurity.NOT_KNOWN_INSECURE, new SplittableRandom(8));
        assertEquals(91, b.length);
        assertEquals(2, b[0]);
        assertEquals(3, b[1]);
        assertEquals(1, b[2 + 16 + 24]);
        assertEquals(key, Nip49.decryptFromBytes(b, "pw", Nip49.DEFAULT_MAX_LOG_N).key());
        b[2 + 16 + 24] = 0; // the security byte is authenticated: changing it breaks the tag
        assertThrows(Nip49Exception.class, () -> Nip49.decryptFromBytes(b, "pw", Nip49.DEFAULT_MAX_LOG_N));
    }

    @Test
    void refusesCostlyLogNBeforeRunningScrypt() {
        SecretKey key = SecretKey.generate(new SplittableRandom(9));
        byte[] b = Nip49.encryptToBytes(key, "pw", 1, KeySecurity.UNTRACKED, new SplittableRandom(10));
        b[1] = (byte) 64; // 2^64 rounds: would never finish or would exhaust memory
        String hostile = Bech32.encode("ncryptsec", b);
        assertEquals(64, Nip49.logN(hostile));
        Nip49Exception e = assertThrows(Nip49Exception.class, () -> Nip49.decrypt(hostile, "pw"));
        assertTrue(e.getMessage().contains("above the limit"), e.getMessage());
        b[1] = 21;
        assertThrows(Nip49Exception.class, () -> Nip49.decryptFromBytes(b, "pw", Nip49.DEFAULT_MAX_LOG_N));
        b[1] = 0;
        assertThrows(Nip49Exception.class, () -> Nip49.decryptFromBytes(b, "pw", Nip49.DEFAULT_MAX_LOG_N));
        assertThrows(IllegalArgumentException.class, () -> Nip49.decryptFromBytes(b, "pw", 30));
    }

    @Test
    void refusesOtherFormatsWithAReason() {
        SecretKey key = SecretKey.generate(new SplittableRandom(11));
        byte[] b = Nip49.encryptToBytes(key, "pw", 1, KeySecurity.UNTRACKED, new SplittableRandom(12));
        assertTrue(assertThrows(Nip49Exception.class, () -> Nip49.decrypt(Bech32.encode("nsec", key.bytes()), "pw")).getMessage().contains("'nsec'"));
        assertTrue(assertThrows(Nip49Exception.class, () -> Nip49.decrypt("ncryptsec1qqqq", "pw")).getMessage().startsWith("not a valid ncryptsec"));
        byte[] v1 = b.clone();
        v1[0] = 1;
        assertTrue(assertThrows(Nip49Exception.class, () -> Nip49.decrypt(Bech32.encode("ncryptsec", v1), "pw")).getMessage().contains("version 1"));
        byte[] ksb = b.clone();
        ksb[42] = 9;
        assertTrue(assertThrows(Nip49Exception.class, () -> Nip49.decryptFromBytes(ksb, "pw", 20)).getMessage().contains("security byte"));
        assertThrows(Nip49Exception.class, () -> Nip49.decryptFromBytes(new byte[90], "pw", 20));
        assertArrayEquals(b, Bech32.decode(Bech32.encode("ncryptsec", b), 200).data());
    }
}
