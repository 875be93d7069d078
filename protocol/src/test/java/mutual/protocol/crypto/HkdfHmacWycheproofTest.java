package mutual.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Wycheproof's HKDF-SHA256 and HMAC-SHA256 vectors, plus RFC 5869's first case spelled out. */
class HkdfHmacWycheproofTest {
    @TestFactory
    Stream<DynamicTest> hkdfDerivesEveryValidOutputAndRefusesOversizedOnes() {
        return Wycheproof.tests("hkdf_sha256_test.json", c -> {
            int size = ((Long) c.test().get("size")).intValue();
            if (c.valid()) {
                assertArrayEquals(c.hex("okm"), Hkdf.derive(c.hex("salt"), c.hex("ikm"), c.hex("info"), size));
            } else {
                assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(c.hex("salt"), c.hex("ikm"), c.hex("info"), size));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> hmacMatchesValidTagsAndNoModifiedOne() {
        return Wycheproof.tests("hmac_sha256_test.json", c -> {
            int tagBytes = (int) c.groupNumber("tagSize") / 8;
            byte[] mac = Arrays.copyOf(HmacSha256.mac(c.hex("key"), c.hex("msg")), tagBytes);
            byte[] expected = c.hex("tag");
            if (c.valid()) assertArrayEquals(expected, mac);
            else assertFalse(HmacSha256.equalsConstantTime(expected, mac), "a modified tag must not match");
        });
    }

    @Test
    void hkdfReproducesRfc5869CaseOneStepByStep() {
        byte[] prk = Hkdf.extract(Hex.parse("000102030405060708090a0b0c"), Hex.parse("0b".repeat(22)));
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", Hex.encode(prk));
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                Hex.encode(Hkdf.expand(prk, Hex.parse("f0f1f2f3f4f5f6f7f8f9"), 42)));
    }

    @Test
    void hmacTreatsAnEmptyKeyAsZeros() {
        assertArrayEquals(HmacSha256.mac(new byte[32], new byte[] {1}), HmacSha256.mac(new byte[0], new byte[] {1}));
        assertTrue(HmacSha256.equalsConstantTime(new byte[] {1, 2}, new byte[] {1, 2}));
    }
}
