package mutual.protocol.nip44;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.SplittableRandom;
import mutual.protocol.crypto.ChaCha20;
import mutual.protocol.crypto.HmacSha256;
import mutual.protocol.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** The hard limits around NIP-44 decryption: sizes checked before decoding, hostile padding refused with a reason. */
class Nip44LimitsTest {
    private static final ConversationKey KEY = ConversationKey.of(new byte[32]);

    @Test
    void refusesAnOversizedPayloadBeforeDecodingIt() {
        // Not base64 at all: if the size were not checked first, the error would be about base64.
        String huge = "!".repeat(Nip44.MAX_PAYLOAD + 4);
        Nip44Exception e = assertThrows(Nip44Exception.class, () -> Nip44.decrypt(huge, KEY));
        assertTrue(e.getMessage().startsWith("invalid payload size"), e.getMessage());
        String tenMegabytes = "A".repeat(10_000_000);
        assertTrue(assertThrows(Nip44Exception.class, () -> Nip44.decrypt(tenMegabytes, KEY)).getMessage().startsWith("invalid payload size"));
    }

    @Test
    void largestPlaintextRoundTripsAndItsPayloadIsExactlyTheLimit() {
        String max = "x".repeat(Nip44.MAX_PLAINTEXT);
        String payload = Nip44.encrypt(max, KEY, new SplittableRandom(1));
        assertEquals(Nip44.MAX_PAYLOAD, payload.length());
        assertEquals(87472, Nip44.MAX_PAYLOAD);
        assertEquals(max, Nip44.decrypt(payload, KEY));
    }

    @Test
    void refusesHashPrefixAsUnsupportedVersionNotAsBadBase64() {
        String payload = "#" + Nip44.encrypt("hello", KEY, new SplittableRandom(2)).substring(1);
        assertTrue(assertThrows(Nip44Exception.class, () -> Nip44.decrypt(payload, KEY)).getMessage().startsWith("unknown encryption version"));
    }

    @Test
    void refusesPaddedBuffersShorterThanTheirPrefixOrDisagreeingWithTheirLength() {
        assertTrue(assertThrows(Nip44Exception.class, () -> Padding.unpad(new byte[0])).getMessage().contains("shorter than the length prefix"));
        assertTrue(assertThrows(Nip44Exception.class, () -> Padding.unpad(new byte[1])).getMessage().contains("shorter than the length prefix"));
        byte[] claimsTooMuch = new byte[34];
        claimsTooMuch[0] = (byte) 0xff;
        claimsTooMuch[1] = (byte) 0xff;
        assertTrue(assertThrows(Nip44Exception.class, () -> Padding.unpad(claimsTooMuch)).getMessage().contains("exceeds"));
        byte[] extended = new byte[34];
        assertTrue(assertThrows(Nip44Exception.class, () -> Padding.unpad(extended)).getMessage().contains("extended prefix"));
        byte[] wrongBucket = new byte[2 + 64];
        wrongBucket[1] = 5;
        assertTrue(assertThrows(Nip44Exception.class, () -> Padding.unpad(wrongBucket)).getMessage().contains("do not fit"));
        assertArrayEquals(new byte[] {7}, Padding.unpad(Padding.pad(new byte[] {7})));
    }

    @Test
    void refusesAnAuthenticPayloadWhosePaddingLies() {
        // A sender holding the key can MAC anything; the padding must still be checked after the MAC passes.
        byte[] nonce = new byte[32];
        MessageKeys keys = MessageKeys.derive(KEY, nonce);
        byte[] padded = new byte[34];
        padded[0] = 0x01; // declares 256 bytes in a 32-byte bucket
        byte[] ct = ChaCha20.xor(keys.chachaKey(), keys.chachaNonce(), 0, padded);
        byte[] mac = HmacSha256.mac(keys.hmacKey(), nonce, ct);
        byte[] raw = new byte[1 + 32 + ct.length + 32];
        raw[0] = 2;
        System.arraycopy(ct, 0, raw, 33, ct.length);
        System.arraycopy(mac, 0, raw, 33 + ct.length, 32);
        String payload = Base64.getEncoder().encodeToString(raw);
        assertTrue(assertThrows(Nip44Exception.class, () -> Nip44.decrypt(payload, KEY)).getMessage().startsWith("invalid padding"));
    }

    @Test
    void refusesInvalidUtf8InsideAnAuthenticPayload() {
        String payload = Nip44.encryptBytes(new byte[] {(byte) 0xc3, (byte) 0x28}, KEY, new byte[32]);
        assertTrue(assertThrows(Nip44Exception.class, () -> Nip44.decrypt(payload, KEY)).getMessage().contains("UTF-8"));
    }

    @Test
    void refusesPayloadsDecryptedUnderAnotherKeyAndFreshNoncesDiffer() {
        SplittableRandom random = new SplittableRandom(3);
        SecretKey a = SecretKey.generate(random), b = SecretKey.generate(random), c = SecretKey.generate(random);
        ConversationKey ab = Nip44.conversationKey(a, b.publicKey());
        String p1 = Nip44.encrypt("same text", ab, random);
        String p2 = Nip44.encrypt("same text", ab, random);
        assertNotEquals(p1, p2);
        assertEquals("same text", Nip44.decrypt(p1, Nip44.conversationKey(b, a.publicKey())));
        assertTrue(assertThrows(Nip44Exception.class, () -> Nip44.decrypt(p1, Nip44.conversationKey(c, a.publicKey()))).getMessage().startsWith("invalid MAC"));
        assertEquals("ConversationKey[redacted]", ab.toString());
    }

    @Test
    void refusesBase64WithoutPadding() {
        String payload = Nip44.encrypt("ab", KEY, new SplittableRandom(4)); // 99 bytes: 132 characters, no '='
        String unpadded = payload + "AAA";
        assertTrue(assertThrows(Nip44Exception.class, () -> Nip44.decrypt(unpadded, KEY)).getMessage().startsWith("invalid base64"));
    }
}
