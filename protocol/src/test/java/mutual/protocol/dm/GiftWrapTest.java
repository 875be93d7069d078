package mutual.protocol.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import mutual.protocol.nip44.Nip44;
import org.junit.jupiter.api.Test;

/** NIP-59 seal and gift wrap: the recipient reads, nobody else does, and every forgery we can think of is refused. */
class GiftWrapTest {
    static final Json JSON = Json.create(Limits.defaults());
    static final long NOW = 1_750_000_000L;
    final SplittableRandom random = new SplittableRandom(59);
    final SecretKey alice = SecretKey.generate(random), bob = SecretKey.generate(random), carol = SecretKey.generate(random);

    Rumor hello() {
        return Rumor.create(alice.publicKey(), NOW, 14, List.of(Tag.of("p", bob.publicKey().hex())), "meet at the \"library\"\n at 5?");
    }

    @Test
    void aliceWrapsForBobAndBobReadsTheSameRumor() {
        Rumor rumor = hello();
        Event wrap = GiftWrap.wrap(rumor, alice, bob.publicKey(), NOW, random);
        assertEquals(GiftWrap.WRAP, wrap.kind());
        assertTrue(EventCheck.isValid(wrap));
        assertEquals(List.of(Tag.of("p", bob.publicKey().hex())), wrap.tags(), "the wrap names only the recipient");
        assertNotEquals(alice.publicKey(), wrap.pubkey(), "the wrap is signed by a one-time key, not the author");
        Unwrapped u = GiftWrap.unwrap(wrap, bob, JSON);
        assertEquals(rumor, u.rumor());
        assertEquals(alice.publicKey(), u.sender());
        assertEquals(GiftWrap.SEAL, u.seal().kind());
        assertTrue(u.seal().tags().isEmpty());
        assertTrue(rumor.idMatches());
    }

    @Test
    void aThirdKeyCannotOpenTheWrap() {
        Event wrap = GiftWrap.wrap(hello(), alice, bob.publicKey(), NOW, random);
        GiftWrapException e = assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap, carol, JSON));
        assertTrue(e.getMessage().startsWith("gift wrap: cannot decrypt: invalid MAC"), e.getMessage());
        assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap, alice, JSON), "not even the author, whose copy is a separate wrap");
    }

    @Test
    void aTamperedWrapIsRefusedBeforeDecrypting() {
        Event wrap = GiftWrap.wrap(hello(), alice, bob.publicKey(), NOW, random);
        String content = wrap.content();
        String flipped = content.substring(0, 50) + (content.charAt(50) == 'A' ? 'B' : 'A') + content.substring(51);
        Event tampered = new Event(wrap.id(), wrap.pubkey(), wrap.createdAt(), wrap.kind(), wrap.tags(), flipped, wrap.sig());
        GiftWrapException e = assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(tampered, bob, JSON));
        assertTrue(e.getMessage().startsWith("gift wrap: event id does not match"), e.getMessage());
        Event otherKind = new Event(wrap.id(), wrap.pubkey(), wrap.createdAt(), 1, wrap.tags(), content, wrap.sig());
        assertTrue(assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(otherKind, bob, JSON)).getMessage().contains("not a gift wrap"));
    }

    @Test
    void aSealWhoseRumorClaimsAnotherAuthorIsRefusedAsImpersonation() {
        // Carol writes a rumor claiming to be Alice and seals it with her own key.
        Rumor forged = Rumor.create(alice.publicKey(), NOW, 14, List.of(Tag.of("p", bob.publicKey().hex())), "send money");
        Event seal = sealRaw(forged.toJson(), carol);
        Event wrap = GiftWrap.wrapSeal(seal, bob.publicKey(), NOW, random);
        GiftWrapException e = assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap, bob, JSON));
        assertTrue(e.getMessage().contains("impersonation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GiftWrap.seal(forged, carol, bob.publicKey(), NOW, random),
                "our own API refuses to build such a seal");
    }

    @Test
    void aRumorWhoseIdDoesNotMatchIsRefused() {
        Rumor r = hello();
        Rumor wrongId = new Rumor(EventId.of(new byte[32]), r.pubkey(), r.createdAt(), r.kind(), r.tags(), r.content());
        Event wrap = GiftWrap.wrapSeal(sealRaw(wrongId.toJson(), alice), bob.publicKey(), NOW, random);
        assertTrue(assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap, bob, JSON)).getMessage().startsWith("rumor: id does not match"));
    }

    @Test
    void aSealThatIsNotKind13OrIsBadlySignedIsRefused() {
        Event notSeal = EventBuilder.create(1, NOW).content(encryptFrom(alice, hello().toJson())).sign(alice);
        Event wrap1 = GiftWrap.wrapSeal(notSeal, bob.publicKey(), NOW, random);
        assertTrue(assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap1, bob, JSON)).getMessage().startsWith("seal: kind 1"));
        Event seal = sealRaw(hello().toJson(), alice);
        Event badSig = new Event(seal.id(), seal.pubkey(), seal.createdAt(), seal.kind(), seal.tags(), seal.content(),
                EventBuilder.create(1, 0).sign(alice).sig());
        Event wrap2 = GiftWrap.wrapSeal(badSig, bob.publicKey(), NOW, random);
        assertTrue(assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap2, bob, JSON)).getMessage().startsWith("seal: bad signature"));
    }

    @Test
    void malformedInnerJsonIsRefusedWithTheLayerNamed() {
        Event seal = sealRaw("{\"id\":\"00\"}", alice);
        Event wrap = GiftWrap.wrapSeal(seal, bob.publicKey(), NOW, random);
        assertTrue(assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap, bob, JSON)).getMessage().startsWith("rumor: id must be"));
        Event junkWrap = EventBuilder.create(GiftWrap.WRAP, NOW).tag("p", bob.publicKey().hex())
                .content(Nip44.encrypt("not json", Nip44.conversationKey(carol, bob.publicKey()), random)).sign(carol);
        assertTrue(assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(junkWrap, bob, JSON)).getMessage().startsWith("seal: malformed JSON"));
    }

    @Test
    void sealAndWrapTimestampsFallWithinTwoDaysBeforeNowAndVary() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Event wrap = GiftWrap.wrap(hello(), alice, bob.publicKey(), NOW, random);
            Event seal = GiftWrap.unwrap(wrap, bob, JSON).seal();
            for (long t : new long[] {wrap.createdAt(), seal.createdAt()}) {
                assertTrue(t <= NOW && t > NOW - GiftWrap.MAX_JITTER_SECONDS, "timestamp " + t + " outside the window");
                seen.add(t);
            }
        }
        assertTrue(seen.size() > 30, "timestamps must be randomized, saw only " + seen.size() + " distinct values");
    }

    @Test
    void theSameSeedGivesTheSameOneTimeKeyAndTimestamp() {
        Event a = GiftWrap.wrap(hello(), alice, bob.publicKey(), NOW, new SplittableRandom(1));
        Event b = GiftWrap.wrap(hello(), alice, bob.publicKey(), NOW, new SplittableRandom(1));
        assertEquals(a.pubkey(), b.pubkey());
        assertEquals(a.createdAt(), b.createdAt());
    }

    @Test
    void theLargestRumorThatFitsWrapsAndOneByteMoreIsRefusedUpFront() {
        Rumor empty = Rumor.create(alice.publicKey(), NOW, 14, List.of(), "");
        int room = GiftWrap.MAX_RUMOR_JSON_BYTES - empty.toJson().length();
        Rumor largest = Rumor.create(alice.publicKey(), NOW, 14, List.of(), "a".repeat(room));
        assertEquals(GiftWrap.MAX_RUMOR_JSON_BYTES, largest.toJson().length());
        assertEquals(largest, GiftWrap.unwrap(GiftWrap.wrap(largest, alice, bob.publicKey(), NOW, random), bob, JSON).rumor());
        Rumor tooLarge = Rumor.create(alice.publicKey(), NOW, 14, List.of(), "a".repeat(room + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GiftWrap.wrap(tooLarge, alice, bob.publicKey(), NOW, random));
        assertTrue(e.getMessage().contains("at most 40960"), e.getMessage());
        // The limit is tight: the next padding bucket really does overflow the wrap's NIP-44 plaintext.
        Rumor nextBucket = Rumor.create(alice.publicKey(), NOW, 14, List.of(), "a".repeat(room + 8192));
        Event seal = sealRaw(nextBucket.toJson(), alice);
        assertThrows(mutual.protocol.nip44.Nip44Exception.class, () -> GiftWrap.wrapSeal(seal, bob.publicKey(), NOW, random));
    }

    Event sealRaw(String json, SecretKey signer) {
        return EventBuilder.create(GiftWrap.SEAL, NOW).content(encryptFrom(signer, json)).sign(signer);
    }

    String encryptFrom(SecretKey signer, String json) {
        return Nip44.encrypt(json, Nip44.conversationKey(signer, bob.publicKey()), random);
    }
}
