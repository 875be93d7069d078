package mutual.protocol.nip19;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import mutual.protocol.TestJson;
import mutual.protocol.Vectors;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** NIP-19's examples and nostr-tools' vectors, hostile TLV payloads, and random round trips. */
@org.junit.jupiter.api.extension.ExtendWith(mutual.protocol.SkipVisibly.class)
class Nip19Test {
    @TestFactory
    Stream<DynamicTest> decodesEveryValidVectorToTheStatedEntity() {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("nip19-vectors.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(root.get("valid"))) {
            Map<String, Object> c = TestJson.map(o);
            String s = (String) c.get("bech32");
            tests.add(DynamicTest.dynamicTest(c.get("type") + " " + s.substring(0, 20), () -> checkValid(c, s)));
        }
        assertEquals(12, tests.size());
        return tests.stream();
    }

    private static void checkValid(Map<String, Object> c, String s) {
        Entity e = Nip19.decode(s);
        assertEquals(c.get("type"), e.prefix());
        Optional<PubKey> pk = Optional.ofNullable((String) c.get("pubkey")).map(h -> PubKey.fromHex(h).orElseThrow());
        switch (e) {
            case Entity.Npub n -> {
                if (c.containsKey("hex")) assertEquals(c.get("hex"), n.pubkey().hex());
            }
            case Entity.Nsec n -> {
                if (c.containsKey("hex")) assertEquals(c.get("hex"), n.secretKey().hex());
            }
            case Entity.Note n -> assertEquals(32, n.id().bytes().length);
            case Entity.Nprofile n -> {
                pk.ifPresent(p -> assertEquals(p, n.pubkey()));
                if (c.containsKey("relays")) assertEquals(c.get("relays"), n.relays());
            }
            case Entity.Nevent n -> assertEquals(32, n.id().bytes().length);
            case Entity.Naddr n -> {
                pk.ifPresent(p -> assertEquals(p, n.pubkey()));
                if (c.containsKey("kind")) assertEquals(((Long) c.get("kind")).intValue(), n.kind());
                if (c.containsKey("identifier")) assertEquals(c.get("identifier"), n.identifier());
                if (c.containsKey("relays_contain")) assertTrue(n.relays().containsAll(TestJson.list(c.get("relays_contain"))));
            }
        }
        assertEquals(e, Nip19.decode(Nip19.encode(e)), "re-encoding gives the same entity");
        if (String.valueOf(c.get("src")).equals("19.md")) assertEquals(s, Nip19.encode(e), "NIP-19's examples re-encode byte for byte");
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryInvalidVector() {
        Map<String, Object> root = TestJson.map(TestJson.parse(Vectors.read("nip19-vectors.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : TestJson.list(root.get("invalid"))) {
            Map<String, Object> c = TestJson.map(o);
            String s = (String) c.get("bech32");
            tests.add(DynamicTest.dynamicTest(s.substring(0, 20), () -> {
                Bech32Exception e = assertThrows(Bech32Exception.class, () -> Nip19.decode(s));
                assertTrue(e.getMessage().contains("is not allowed in bech32"), e.getMessage());
            }));
        }
        assertEquals(5, tests.size());
        return tests.stream();
    }

    @Test
    void ignoresUnknownTlvTypes() {
        PubKey pk = PubKey.fromHex("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d").orElseThrow();
        byte[] data = tlv(new int[] {9, 0, 1, 200}, new byte[] {1, 2, 3}, pk.bytes(), "wss://a".getBytes(), new byte[0]);
        Entity e = Nip19.decode(Bech32.encode("nprofile", data));
        assertEquals(new Entity.Nprofile(pk, List.of("wss://a")), e);
    }

    @Test
    void rejectsTruncatedTlvWithTheOffendingEntry() {
        byte[] data = {0, 32, 1, 2, 3};
        Bech32Exception e = assertThrows(Bech32Exception.class, () -> Nip19.decode(Bech32.encode("nevent", data)));
        assertTrue(e.getMessage().contains("claims 32 bytes but only 3 remain"), e.getMessage());
        Bech32Exception half = assertThrows(Bech32Exception.class, () -> Nip19.decode(Bech32.encode("nevent", new byte[] {0})));
        assertTrue(half.getMessage().contains("has a type but no length"), half.getMessage());
    }

    @Test
    void saysWhatIsMissingOrMalformed() {
        assertMessage("nprofile has no public key", Bech32.encode("nprofile", tlv(new int[] {1}, "wss://a".getBytes())));
        assertMessage("naddr has no kind", Bech32.encode("naddr", tlv(new int[] {0, 2}, new byte[0], new byte[32])));
        assertMessage("kind must be 4 bytes", Bech32.encode("naddr", tlv(new int[] {0, 2, 3}, new byte[0], new byte[32], new byte[2])));
        assertMessage("kind 65536 is outside", Bech32.encode("naddr", tlv(new int[] {0, 2, 3}, new byte[0], new byte[32], new byte[] {0, 1, 0, 0})));
        assertMessage("nevent author must be 32 bytes", Bech32.encode("nevent", tlv(new int[] {0, 2}, new byte[32], new byte[31])));
        assertMessage("npub must hold a 32-byte public key, got 33", Bech32.encode("npub", new byte[33]));
        assertMessage("not a valid secp256k1 secret key", Bech32.encode("nsec", new byte[32]));
        assertMessage("relay is not valid UTF-8", Bech32.encode("nprofile", tlv(new int[] {0, 1}, new byte[32], new byte[] {(byte) 0xc3})));
        assertMessage("unknown NIP-19 prefix \"nrelay\"", Bech32.encode("nrelay", "wss://a".getBytes()));
    }

    @Test
    void acceptsAnEmptyIdentifierForReplaceableEvents() {
        PubKey pk = PubKey.of(new byte[32]);
        Entity.Naddr a = new Entity.Naddr(10002, pk, "", List.of());
        assertEquals(a, Nip19.decode(Nip19.encode(a)));
        assertEquals("10002:" + pk.hex() + ":", a.address().toString());
    }

    @Test
    void refusesToEncodeWhatDoesNotFitATlvEntryOrTheLengthLimit() {
        PubKey pk = PubKey.of(new byte[32]);
        Bech32Exception one = assertThrows(Bech32Exception.class, () -> Nip19.encode(new Entity.Nprofile(pk, List.of("wss://" + "a".repeat(250)))));
        assertTrue(one.getMessage().contains("at most 255"), one.getMessage());
        List<String> many = java.util.Collections.nCopies(40, "wss://" + "a".repeat(90));
        Bech32Exception all = assertThrows(Bech32Exception.class, () -> Nip19.encode(new Entity.Nprofile(pk, many)));
        assertTrue(all.getMessage().contains("more than NIP-19's 5000"), all.getMessage());
    }

    @Test
    void acceptsPublicKeysAsHexOrNpub() {
        String hex = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
        PubKey pk = PubKey.fromHex(hex).orElseThrow();
        assertEquals(Optional.of(pk), Nip19.parsePubKey(hex));
        assertEquals(Optional.of(pk), Nip19.parsePubKey(" npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg\n"));
        assertEquals(Optional.empty(), Nip19.parsePubKey(Nip19.note(EventId.of(pk.bytes()))));
        assertEquals(Optional.empty(), Nip19.parsePubKey("npub1garbage"));
    }

    @Test
    void roundTripsRandomEntitiesOfEveryType() {
        Random r = new Random(19);
        for (int i = 0; i < 3000; i++) {
            Entity e = randomEntity(r);
            String s = Nip19.encode(e);
            assertTrue(s.startsWith(e.prefix() + "1"), s);
            assertEquals(e, Nip19.decode(s));
        }
    }

    private static Entity randomEntity(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        List<String> relays = new ArrayList<>();
        for (int n = r.nextInt(4); n > 0; n--) relays.add("wss://relay" + r.nextInt(1000) + ".example/ü" + "x".repeat(r.nextInt(40)));
        return switch (r.nextInt(6)) {
            case 0 -> new Entity.Npub(PubKey.of(b));
            case 1 -> new Entity.Nsec(SecretKey.generate(r));
            case 2 -> new Entity.Note(EventId.of(b));
            case 3 -> new Entity.Nprofile(PubKey.of(b), relays);
            case 4 -> new Entity.Nevent(EventId.of(b), relays,
                    r.nextBoolean() ? Optional.of(PubKey.of(reverse(b))) : Optional.empty(),
                    r.nextBoolean() ? OptionalInt.of(r.nextInt(65536)) : OptionalInt.empty());
            default -> new Entity.Naddr(r.nextInt(65536), PubKey.of(b), "d-" + "é".repeat(r.nextInt(60)), relays);
        };
    }

    private static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[b.length - 1 - i];
        return out;
    }

    private static void assertMessage(String fragment, String bech32) {
        Bech32Exception e = assertThrows(Bech32Exception.class, () -> Nip19.decode(bech32));
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\", got \"" + e.getMessage() + "\"");
    }

    private static byte[] tlv(int[] types, byte[]... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < types.length; i++) {
            out.write(types[i]);
            out.write(values[i].length);
            out.writeBytes(values[i]);
        }
        return out.toByteArray();
    }

    @Test
    void encodesTheNip19ExampleKeys() {
        assertEquals("npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6",
                Nip19.npub(PubKey.fromHex("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d").orElseThrow()));
        assertEquals("nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5",
                Nip19.nsec(SecretKey.of(Hex.parse("67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa")).orElseThrow()));
    }
}
