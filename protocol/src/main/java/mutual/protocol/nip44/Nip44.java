package mutual.protocol.nip44;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;
import mutual.protocol.crypto.ChaCha20;
import mutual.protocol.crypto.HmacSha256;
import mutual.protocol.crypto.Hkdf;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.crypto.SecretKey;

/**
 * NIP-44 version 2 encrypted payloads (https://github.com/nostr-protocol/nips/blob/master/44.md):
 * ECDH + HKDF conversation keys, per-message ChaCha20 and HMAC-SHA256 keys, length-hiding padding,
 * base64 of {@code version || nonce || ciphertext || mac}.
 *
 * <p>Plaintexts are limited to 1..65535 bytes. The current NIP-44 text also defines a 6-byte
 * "extended" length prefix for plaintexts up to 2^32-1 bytes, but the published test vectors
 * (paulmillr/nip44, whose checksum the NIP quotes) list 65536 and more as invalid, and the clients
 * we interoperate with stop at 65535; so we encrypt nothing larger and reject the extended prefix
 * when decrypting. Payloads are checked against the size that limit implies before any base64
 * decoding, so an oversized payload costs nothing (the bug class of RUSTSEC-2026-0227).
 */
public final class Nip44 {
    public static final int VERSION = 2;
    public static final int MIN_PLAINTEXT = 1;
    public static final int MAX_PLAINTEXT = 65535;
    /** 1 version byte + 32 nonce + 34 bytes of the smallest padded plaintext + 32 MAC. */
    static final int MIN_DECODED = 99;
    /** The base64 length of {@link #MIN_DECODED} bytes. */
    static final int MIN_PAYLOAD = 132;
    /** The base64 length of a payload carrying {@link #MAX_PLAINTEXT} bytes: 65 + 2 + 65536 bytes. */
    static final int MAX_PAYLOAD = base64Length(65 + 2 + (int) Padding.paddedLength(MAX_PLAINTEXT));

    private static final byte[] SALT = "nip44-v2".getBytes(StandardCharsets.US_ASCII);

    private Nip44() {}

    /** The conversation key of {@code mine} and {@code theirs}; throws when {@code theirs} is not a point on the curve. */
    public static ConversationKey conversationKey(SecretKey mine, PubKey theirs) {
        byte[] sharedX;
        try {
            sharedX = Schnorr.sharedX(mine, theirs);
        } catch (IllegalArgumentException e) {
            throw new Nip44Exception("public key " + theirs.hex() + " is not a valid secp256k1 point");
        }
        byte[] key = Hkdf.extract(SALT, sharedX);
        Arrays.fill(sharedX, (byte) 0);
        return ConversationKey.of(key);
    }

    /** Encrypts with a fresh 32-byte nonce drawn from {@code random}, which in production must be a {@code SecureRandom}. */
    public static String encrypt(String plaintext, ConversationKey key, RandomGenerator random) {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        return encrypt(plaintext, key, nonce);
    }

    /** Encrypts with the given nonce. Reusing a nonce with the same key exposes both messages: this form is for test vectors. */
    public static String encrypt(String plaintext, ConversationKey key, byte[] nonce) {
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        return encryptBytes(bytes, key, nonce);
    }

    static String encryptBytes(byte[] plaintext, ConversationKey key, byte[] nonce) {
        MessageKeys keys = MessageKeys.derive(key, nonce);
        byte[] ciphertext = ChaCha20.xor(keys.chachaKey(), keys.chachaNonce(), 0, Padding.pad(plaintext));
        byte[] mac = HmacSha256.mac(keys.hmacKey(), nonce, ciphertext);
        byte[] out = new byte[1 + 32 + ciphertext.length + 32];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, 32);
        System.arraycopy(ciphertext, 0, out, 33, ciphertext.length);
        System.arraycopy(mac, 0, out, 33 + ciphertext.length, 32);
        return Base64.getEncoder().encodeToString(out);
    }

    /** Checks the MAC, decrypts and unpads; every failure is a {@link Nip44Exception} saying why. */
    public static String decrypt(String payload, ConversationKey key) {
        byte[] plaintext = decryptBytes(payload, key);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext)).toString();
        } catch (CharacterCodingException e) {
            throw new Nip44Exception("decrypted plaintext is not valid UTF-8");
        }
    }

    static byte[] decryptBytes(String payload, ConversationKey key) {
        byte[] data = decode(payload);
        byte[] nonce = Arrays.copyOfRange(data, 1, 33);
        byte[] ciphertext = Arrays.copyOfRange(data, 33, data.length - 32);
        byte[] mac = Arrays.copyOfRange(data, data.length - 32, data.length);
        MessageKeys keys = MessageKeys.derive(key, nonce);
        if (!HmacSha256.equalsConstantTime(HmacSha256.mac(keys.hmacKey(), nonce, ciphertext), mac))
            throw new Nip44Exception("invalid MAC: the payload was altered or encrypted under another key");
        return Padding.unpad(ChaCha20.xor(keys.chachaKey(), keys.chachaNonce(), 0, ciphertext));
    }

    /** {@code decode_payload}: every length and version check happens before base64 decoding allocates anything. */
    private static byte[] decode(String payload) {
        int n = payload.length();
        if (n == 0) throw new Nip44Exception("invalid payload size: the payload is empty");
        if (payload.charAt(0) == '#') throw new Nip44Exception("unknown encryption version: '#' marks an encoding this implementation does not support");
        if (n < MIN_PAYLOAD || n > MAX_PAYLOAD)
            throw new Nip44Exception("invalid payload size: " + n + " characters, expected " + MIN_PAYLOAD + " to " + MAX_PAYLOAD);
        if (n % 4 != 0) throw new Nip44Exception("invalid base64: " + n + " characters is not a multiple of 4");
        byte[] data;
        try {
            data = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new Nip44Exception("invalid base64: " + e.getMessage());
        }
        if (data.length < MIN_DECODED) throw new Nip44Exception("invalid data size: " + data.length + " bytes, at least " + MIN_DECODED + " needed");
        if (data[0] != VERSION) throw new Nip44Exception("unknown encryption version " + (data[0] & 0xff));
        return data;
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }
}
