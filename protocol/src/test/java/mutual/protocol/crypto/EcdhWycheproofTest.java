package mutual.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof's secp256k1 ECDH vectors through {@link Schnorr#sharedX(SecretKey, byte[])}: valid cases
 * give the expected x coordinate, invalid ones (points off the curve, other curves, bad encodings,
 * out-of-range private keys) are refused, and "acceptable" ones may go either way but, when they
 * pass, must give the expected value. Nothing may fail with anything but a refusal.
 */
class EcdhWycheproofTest {
    @TestFactory
    Stream<DynamicTest> asnEncodedKeys() {
        return Wycheproof.tests("ecdh_secp256k1_test.json",
                c -> judge(c, Spki.sec1Point(c.hex("public")), secretFromHex(c.str("private"))));
    }

    @TestFactory
    Stream<DynamicTest> webCryptoKeys() {
        return Wycheproof.tests("ecdh_secp256k1_webcrypto_test.json", c -> {
            Map<String, Object> priv = TestJson.map(c.test().get("private"));
            Optional<SecretKey> secret = base64url((String) priv.get("d")).flatMap(EcdhWycheproofTest::normalized);
            judge(c, jwkPoint(TestJson.map(c.test().get("public"))), secret);
        });
    }

    @Test
    void spkiReaderRejectsTrailingBytesAndLongFormLengthsThatCouldBeShort() {
        byte[] good = Hex.parse("3036301006072a8648ce3d020106052b8104000a03220002d8096af8a11e0b80037e1ee68246b5dcbb0aeb1cf1244fd767db80f3fa27da2b");
        assertTrue(Spki.sec1Point(good).isPresent());
        assertTrue(Spki.sec1Point(Arrays.copyOf(good, good.length + 1)).isEmpty());
        byte[] longForm = Hex.parse("30813636301006072a8648ce3d020106052b8104000a03220002d8096af8a11e0b80037e1ee68246b5dcbb0aeb1cf1244fd767db80f3fa27da2b");
        assertTrue(Spki.sec1Point(longForm).isEmpty());
    }

    @Test
    void sharedXRefusesTheHybridEncodingThatLibsecp256k1WouldParse() {
        SecretKey a = SecretKey.fromHex("0000000000000000000000000000000000000000000000000000000000000003").orElseThrow();
        SecretKey b = SecretKey.fromHex("0000000000000000000000000000000000000000000000000000000000000005").orElseThrow();
        byte[] compressed = new byte[33];
        compressed[0] = 2;
        System.arraycopy(b.publicKey().raw(), 0, compressed, 1, 32);
        byte[] expected = Schnorr.sharedX(a, b.publicKey());
        assertEquals(Hex.encode(expected), Hex.encode(Schnorr.sharedX(a, compressed)));
        byte[] hybrid = new byte[65];
        System.arraycopy(compressed, 1, hybrid, 1, 32);
        hybrid[0] = 6; // would need y; the prefix alone must already be refused
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Schnorr.sharedX(a, hybrid));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Schnorr.sharedX(a, new byte[0]));
    }

    private static void judge(Wycheproof.Case c, Optional<byte[]> point, Optional<SecretKey> secret) {
        Optional<byte[]> shared = Optional.empty();
        if (point.isPresent() && secret.isPresent()) {
            try {
                shared = Optional.of(Schnorr.sharedX(secret.get(), point.get()));
            } catch (IllegalArgumentException refused) {
                shared = Optional.empty();
            }
        }
        if (c.valid()) {
            assertTrue(shared.isPresent(), "a valid case must compute a shared secret");
            assertEquals(c.str("shared"), Hex.encode(shared.get()));
        } else if (c.invalid()) {
            assertTrue(shared.isEmpty(), "an invalid case must be refused, got " + shared.map(Hex::encode).orElse(""));
        } else if (shared.isPresent() && !c.str("shared").isEmpty()) {
            assertEquals(c.str("shared"), Hex.encode(shared.get()), "an accepted 'acceptable' case must still be right");
        }
    }

    /** Wycheproof writes private keys as ASN.1 integers: maybe a leading 00, maybe fewer than 32 bytes. */
    private static Optional<SecretKey> secretFromHex(String hex) {
        return normalized(Hex.parse(hex));
    }

    private static Optional<SecretKey> normalized(byte[] b) {
        int start = 0;
        while (start < b.length && b[start] == 0) start++;
        int n = b.length - start;
        if (n > 32) return Optional.empty();
        byte[] k = new byte[32];
        System.arraycopy(b, start, k, 32 - n, n);
        return SecretKey.of(k);
    }

    /** An uncompressed SEC1 point from a JWK, when it names secp256k1 ("P-256K") and both coordinates are 32 bytes. */
    private static Optional<byte[]> jwkPoint(Map<String, Object> jwk) {
        if (!"EC".equals(jwk.get("kty")) || !"P-256K".equals(jwk.get("crv"))) return Optional.empty();
        Optional<byte[]> x = base64url((String) jwk.get("x")), y = base64url((String) jwk.get("y"));
        if (x.isEmpty() || y.isEmpty() || x.get().length != 32 || y.get().length != 32) return Optional.empty();
        byte[] p = new byte[65];
        p[0] = 4;
        System.arraycopy(x.get(), 0, p, 1, 32);
        System.arraycopy(y.get(), 0, p, 33, 32);
        return Optional.of(p);
    }

    private static Optional<byte[]> base64url(String s) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
