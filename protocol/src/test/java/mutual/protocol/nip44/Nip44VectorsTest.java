package mutual.protocol.nip44;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import mutual.protocol.Vectors;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.crypto.Sha256;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every group of the official NIP-44 v2 vectors (paulmillr/nip44): valid ones reproduced exactly, invalid ones refused. */
@org.junit.jupiter.api.extension.ExtendWith(mutual.protocol.SkipVisibly.class)
class Nip44VectorsTest {
    private static Map<String, Object> v2(String part) {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("nip44.vectors.json")));
        return TestJson.map(TestJson.map(TestJson.map(root.get("v2")).get(part)));
    }

    private static List<Map<String, Object>> group(String part, String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : TestJson.list(v2(part).get(name))) out.add(TestJson.map(o));
        if (out.isEmpty()) throw new IllegalStateException(name + " is empty");
        return out;
    }

    private static Stream<DynamicTest> each(String part, String name, java.util.function.Consumer<Map<String, Object>> check) {
        List<DynamicTest> tests = new ArrayList<>();
        List<Map<String, Object>> cases = group(part, name);
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> c = cases.get(i);
            tests.add(DynamicTest.dynamicTest(name + " #" + i, () -> check.accept(c)));
        }
        return tests.stream();
    }

    private static String s(Map<String, Object> c, String k) {
        return (String) c.get(k);
    }

    private static SecretKey secret(String hex) {
        return SecretKey.fromHex(hex).orElseThrow();
    }

    private static ConversationKey conv(Map<String, Object> c) {
        return ConversationKey.of(Hex.parse(s(c, "conversation_key")));
    }

    @TestFactory
    Stream<DynamicTest> validConversationKeys() {
        return each("valid", "get_conversation_key", c -> assertEquals(s(c, "conversation_key"),
                Hex.encode(Nip44.conversationKey(secret(s(c, "sec1")), PubKey.fromHex(s(c, "pub2")).orElseThrow()).bytes())));
    }

    @TestFactory
    Stream<DynamicTest> validMessageKeys() {
        Map<String, Object> g = TestJson.map(v2("valid").get("get_message_keys"));
        ConversationKey key = ConversationKey.of(Hex.parse((String) g.get("conversation_key")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(g.get("keys"))) {
            Map<String, Object> c = TestJson.map(o);
            tests.add(DynamicTest.dynamicTest("nonce " + s(c, "nonce").substring(0, 8), () -> {
                MessageKeys k = MessageKeys.derive(key, Hex.parse(s(c, "nonce")));
                assertEquals(s(c, "chacha_key"), Hex.encode(k.chachaKey()));
                assertEquals(s(c, "chacha_nonce"), Hex.encode(k.chachaNonce()));
                assertEquals(s(c, "hmac_key"), Hex.encode(k.hmacKey()));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> validPaddedLengths() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(v2("valid").get("calc_padded_len"))) {
            List<Object> pair = TestJson.list(o);
            long in = (Long) pair.get(0), out = (Long) pair.get(1);
            tests.add(DynamicTest.dynamicTest(in + " -> " + out, () -> assertEquals(out, Padding.paddedLength(in))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> validEncryptDecryptBothWays() {
        return each("valid", "encrypt_decrypt", c -> {
            SecretKey sec1 = secret(s(c, "sec1")), sec2 = secret(s(c, "sec2"));
            ConversationKey forward = Nip44.conversationKey(sec1, sec2.publicKey());
            assertEquals(s(c, "conversation_key"), Hex.encode(forward.bytes()));
            String payload = Nip44.encrypt(s(c, "plaintext"), forward, Hex.parse(s(c, "nonce")));
            assertEquals(s(c, "payload"), payload);
            ConversationKey back = Nip44.conversationKey(sec2, sec1.publicKey());
            assertEquals(forward, back, "the key is the same in both directions");
            assertEquals(s(c, "plaintext"), Nip44.decrypt(payload, back));
        });
    }

    @TestFactory
    Stream<DynamicTest> validLongMessagesByChecksum() {
        return each("valid", "encrypt_decrypt_long_msg", c -> {
            String plaintext = s(c, "pattern").repeat(((Long) c.get("repeat")).intValue());
            assertEquals(s(c, "plaintext_sha256"), sha256(plaintext));
            String payload = Nip44.encrypt(plaintext, conv(c), Hex.parse(s(c, "nonce")));
            assertEquals(s(c, "payload_sha256"), sha256(payload));
            assertEquals(plaintext, Nip44.decrypt(payload, conv(c)));
        });
    }

    @TestFactory
    Stream<DynamicTest> invalidMessageLengthsAreRefused() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(v2("invalid").get("encrypt_msg_lengths"))) {
            int n = ((Long) o).intValue();
            tests.add(DynamicTest.dynamicTest(n + " bytes", () -> {
                Nip44Exception e = assertThrows(Nip44Exception.class,
                        () -> Nip44.encrypt("a".repeat(n), ConversationKey.of(new byte[32]), new byte[32]));
                assertEquals(true, e.getMessage().contains("plaintext must be between 1 and 65535"), e.getMessage());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> invalidConversationKeysAreRefused() {
        return each("invalid", "get_conversation_key", c -> {
            Optional<SecretKey> sec = SecretKey.fromHex(s(c, "sec1"));
            Optional<PubKey> pub = PubKey.fromHex(s(c, "pub2"));
            // An out-of-range secret cannot even become a SecretKey; an off-curve public key fails in ECDH.
            if (sec.isPresent() && pub.isPresent())
                assertThrows(Nip44Exception.class, () -> Nip44.conversationKey(sec.get(), pub.get()), s(c, "note"));
            else
                assertEquals(true, sec.isEmpty() && s(c, "note").startsWith("sec1"), "only a bad secret may be refused before ECDH: " + s(c, "note"));
        });
    }

    @TestFactory
    Stream<DynamicTest> invalidPayloadsAreRefusedForTheirOwnReason() {
        Map<String, String> reasons = Map.of(
                "unknown encryption version", "unknown encryption version",
                "unknown encryption version 0", "unknown encryption version 0",
                "invalid base64", "invalid base64",
                "invalid MAC", "invalid MAC",
                "invalid padding", "invalid padding");
        return each("invalid", "decrypt", c -> {
            Nip44Exception e = assertThrows(Nip44Exception.class, () -> Nip44.decrypt(s(c, "payload"), conv(c)));
            String note = s(c, "note");
            String expected = note.startsWith("invalid payload length") ? "invalid payload size" : reasons.get(note);
            assertEquals(true, e.getMessage().startsWith(expected), note + " -> " + e.getMessage());
        });
    }

    private static String sha256(String s) {
        return Hex.encode(Sha256.hash(s.getBytes(StandardCharsets.UTF_8)));
    }
}
