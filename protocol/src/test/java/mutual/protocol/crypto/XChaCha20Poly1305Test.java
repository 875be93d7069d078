package mutual.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Wycheproof's XChaCha20-Poly1305 vectors, the draft's HChaCha20 vector and RFC 8439's ChaCha20 block. */
class XChaCha20Poly1305Test {
    @TestFactory
    Stream<DynamicTest> everyValidCaseSealsAndOpensAndNoInvalidOneOpens() {
        return Wycheproof.tests("xchacha20_poly1305_test.json", c -> {
            byte[] key = c.hex("key"), iv = c.hex("iv"), aad = c.hex("aad"), msg = c.hex("msg");
            byte[] sealed = concat(c.hex("ct"), c.hex("tag"));
            if (c.valid()) {
                assertArrayEquals(sealed, XChaCha20Poly1305.seal(key, iv, msg, aad), "seal");
                assertArrayEquals(msg, XChaCha20Poly1305.open(key, iv, sealed, aad).orElseThrow(), "open");
            } else {
                Optional<byte[]> opened;
                try {
                    opened = XChaCha20Poly1305.open(key, iv, sealed, aad);
                } catch (IllegalArgumentException wrongSize) {
                    opened = Optional.empty();
                }
                assertTrue(opened.isEmpty(), "an invalid case must not open");
            }
        });
    }

    @Test
    void hchacha20MatchesTheDraftVector() {
        // draft-irtf-cfrg-xchacha-03 §2.2.1
        byte[] key = Hex.parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = Hex.parse("000000090000004a0000000031415927");
        assertEquals("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc", Hex.encode(ChaCha20.hchacha20(key, nonce)));
    }

    @Test
    void chacha20MatchesRfc8439KeyStreamExample() {
        // RFC 8439 §2.4.2: "Ladies and Gentlemen..." with counter 1.
        byte[] key = Hex.parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = Hex.parse("000000000000004a00000000");
        byte[] plain = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] ct = ChaCha20.xor(key, nonce, 1, plain);
        assertEquals("6e2e359a2568f98041ba0728dd0d6981", Hex.encode(ct).substring(0, 32));
        assertArrayEquals(plain, ChaCha20.xor(key, nonce, 1, ct), "the same call decrypts");
    }

    @Test
    void openRejectsAFlippedBitAndWrongAssociatedData() {
        byte[] key = new byte[32], nonce = new byte[24];
        byte[] sealed = XChaCha20Poly1305.seal(key, nonce, new byte[] {1, 2, 3}, new byte[] {2});
        assertTrue(XChaCha20Poly1305.open(key, nonce, sealed, new byte[] {1}).isEmpty());
        sealed[0] ^= 1;
        assertTrue(XChaCha20Poly1305.open(key, nonce, sealed, new byte[] {2}).isEmpty());
        assertTrue(XChaCha20Poly1305.open(key, nonce, new byte[5], new byte[0]).isEmpty(), "shorter than a tag");
        assertThrows(IllegalArgumentException.class, () -> XChaCha20Poly1305.seal(key, new byte[12], new byte[1], new byte[0]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
