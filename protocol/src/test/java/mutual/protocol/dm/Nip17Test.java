package mutual.protocol.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.Test;

/** NIP-17 chat messages: one wrap per receiver plus one for the sender, each readable by exactly its recipient. */
class Nip17Test {
    final SplittableRandom random = new SplittableRandom(17);
    final SecretKey alice = SecretKey.generate(random), bob = SecretKey.generate(random),
            carol = SecretKey.generate(random), dave = SecretKey.generate(random);
    final long now = GiftWrapTest.NOW;

    @Test
    void aGroupMessageReachesEveryReceiverAndTheSendersOwnCopy() {
        EventId parent = EventId.of(new byte[32]);
        ChatMessage sent = ChatMessage.of(alice.publicKey(), List.of(bob.publicKey(), carol.publicKey()), "soup kitchen needs 3 people on Friday", now)
                .withSubject("Friday shift").replyingTo(parent);
        List<Event> wraps = Nip17.send(sent, alice, now, random);
        assertEquals(3, wraps.size());
        List<PubKey> addressed = wraps.stream().map(w -> PubKey.fromHex(w.tags().get(0).value().orElseThrow()).orElseThrow()).toList();
        assertEquals(List.of(bob.publicKey(), carol.publicKey(), alice.publicKey()), addressed);
        Set<PubKey> oneTimeKeys = new HashSet<>();
        for (Event w : wraps) oneTimeKeys.add(w.pubkey());
        assertEquals(3, oneTimeKeys.size(), "every wrap has its own one-time key");

        for (int i = 0; i < 3; i++) {
            SecretKey reader = List.of(bob, carol, alice).get(i);
            ChatMessage got = Nip17.read(wraps.get(i), reader, GiftWrapTest.JSON);
            assertEquals(sent, got);
            assertEquals(Optional.of("Friday shift"), got.subject());
            assertEquals(Optional.of(parent), got.replyTo());
        }
        for (Event w : wraps) assertThrows(GiftWrapException.class, () -> Nip17.read(w, dave, GiftWrapTest.JSON));
        assertThrows(GiftWrapException.class, () -> Nip17.read(wraps.get(0), carol, GiftWrapTest.JSON), "Carol cannot open Bob's copy");
    }

    @Test
    void theRumorIsKind14WithPTagsForReceiversAndNoSignature() {
        Rumor r = ChatMessage.of(alice.publicKey(), List.of(bob.publicKey()), "hi", now).toRumor();
        assertEquals(14, r.kind());
        assertEquals(List.of(Tag.of("p", bob.publicKey().hex())), r.tags());
        assertTrue(r.idMatches());
        assertTrue(!r.toJson().contains("\"sig\""));
    }

    @Test
    void aSenderWhoIsAlsoAReceiverGetsOneCopy() {
        ChatMessage toSelfAndBob = ChatMessage.of(alice.publicKey(), List.of(alice.publicKey(), bob.publicKey()), "note to self", now);
        assertEquals(2, Nip17.send(toSelfAndBob, alice, now, random).size());
    }

    @Test
    void readingRefusesOtherKindsAndBrokenTags() {
        Rumor kind1 = Rumor.create(alice.publicKey(), now, 1, List.of(Tag.of("p", bob.publicKey().hex())), "x");
        Event wrap = GiftWrap.wrap(kind1, alice, bob.publicKey(), now, random);
        assertTrue(assertThrows(GiftWrapException.class, () -> Nip17.read(wrap, bob, GiftWrapTest.JSON)).getMessage().contains("not a chat message"));
        Rumor badP = Rumor.create(alice.publicKey(), now, 14, List.of(Tag.of("p", "bob")), "x");
        assertTrue(assertThrows(GiftWrapException.class, () -> ChatMessage.fromRumor(badP)).getMessage().contains("not a public key"));
        assertThrows(IllegalArgumentException.class, () -> Nip17.wrapForAll(badP, alice, now, random));
        Rumor noP = Rumor.create(alice.publicKey(), now, 14, List.of(), "x");
        assertThrows(GiftWrapException.class, () -> ChatMessage.fromRumor(noP));
    }
}
