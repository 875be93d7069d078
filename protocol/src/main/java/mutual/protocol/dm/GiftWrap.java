package mutual.protocol.dm;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.nip44.Nip44;
import mutual.protocol.nip44.Nip44Exception;

/**
 * NIP-59 seals and gift wraps (https://github.com/nostr-protocol/nips/blob/master/59.md). A rumor is
 * NIP-44-encrypted into a kind-13 seal signed by its author, and the seal into a kind-1059 wrap
 * signed by a one-time key with only the recipient's {@code p} tag, so relays see neither author
 * nor content. Time ({@code now}) and randomness (keys, nonces, timestamp jitter) are passed in;
 * in production {@code random} must be a {@code SecureRandom}.
 */
public final class GiftWrap {
    public static final int SEAL = 13;
    public static final int WRAP = 1059;
    public static final int EPHEMERAL_WRAP = 21059;
    /** Seal and wrap timestamps are moved up to this far into the past so they do not reveal when the message was sent. */
    public static final long MAX_JITTER_SECONDS = 2 * 24 * 60 * 60;
    /**
     * The largest rumor, as UTF-8 JSON, that fits: its NIP-44 payload (padded to 40960 bytes, then
     * base64) plus the seal's other fields must stay within NIP-44's 65535-byte plaintext for the
     * wrap. The next padding bucket (49152 bytes) would not.
     */
    public static final int MAX_RUMOR_JSON_BYTES = 40960;

    private GiftWrap() {}

    /** Seals {@code rumor} for {@code recipient} and wraps it: the one event to publish to the recipient's relays. */
    public static Event wrap(Rumor rumor, SecretKey sender, PubKey recipient, long now, RandomGenerator random) {
        return wrapSeal(seal(rumor, sender, recipient, now, random), recipient, now, random);
    }

    /** A kind-13 seal: the rumor's JSON encrypted from sender to recipient, no tags, signed by the sender. */
    public static Event seal(Rumor rumor, SecretKey sender, PubKey recipient, long now, RandomGenerator random) {
        if (!rumor.pubkey().equals(sender.publicKey()))
            throw new IllegalArgumentException("the rumor's pubkey must be the sender's, or recipients will reject it as impersonation");
        String json = rumor.toJson();
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_RUMOR_JSON_BYTES)
            throw new IllegalArgumentException("the message is " + size + " bytes as JSON; a gift wrap holds at most " + MAX_RUMOR_JSON_BYTES);
        String content = Nip44.encrypt(json, Nip44.conversationKey(sender, recipient), random);
        return EventBuilder.create(SEAL, jitter(now, random)).content(content).sign(sender);
    }

    /** A kind-1059 wrap of a seal, signed by a fresh key drawn from {@code random}. */
    public static Event wrapSeal(Event seal, PubKey recipient, long now, RandomGenerator random) {
        SecretKey oneTime = SecretKey.generate(random);
        String content = Nip44.encrypt(seal.toJson(), Nip44.conversationKey(oneTime, recipient), random);
        return EventBuilder.create(WRAP, jitter(now, random)).tag("p", recipient.hex()).content(content).sign(oneTime);
    }

    /**
     * Opens a wrap addressed to {@code recipient}: checks the wrap's id and signature, decrypts the
     * seal and checks its signature, decrypts the rumor and checks its id, and rejects a rumor whose
     * pubkey is not the seal's signer (anyone could otherwise claim to be anyone, as NIP-17 warns).
     */
    public static Unwrapped unwrap(Event wrap, SecretKey recipient, Json json) {
        if (wrap.kind() != WRAP && wrap.kind() != EPHEMERAL_WRAP)
            throw new GiftWrapException("gift wrap: kind " + wrap.kind() + " is not a gift wrap (1059 or 21059)");
        EventCheck.problem(wrap).ifPresent(p -> fail("gift wrap", p));
        Event seal;
        try {
            seal = EventReader.read(json, open(wrap, recipient, "gift wrap"));
        } catch (DecodeException e) {
            throw new GiftWrapException("seal: " + e.getMessage());
        }
        if (seal.kind() != SEAL) fail("seal", "kind " + seal.kind() + " is not a seal (13)");
        EventCheck.problem(seal).ifPresent(p -> fail("seal", p));
        Rumor rumor;
        try {
            rumor = RumorJson.read(json, open(seal, recipient, "seal"));
        } catch (DecodeException e) {
            throw new GiftWrapException("rumor: " + e.getMessage());
        }
        if (!rumor.idMatches()) fail("rumor", "id does not match its content");
        if (!rumor.pubkey().equals(seal.pubkey()))
            fail("rumor", "pubkey " + rumor.pubkey().hex() + " is not the seal's signer " + seal.pubkey().hex() + " (impersonation)");
        return new Unwrapped(rumor, seal, wrap);
    }

    private static String open(Event e, SecretKey recipient, String layer) {
        try {
            return Nip44.decrypt(e.content(), Nip44.conversationKey(recipient, e.pubkey()));
        } catch (Nip44Exception ex) {
            throw new GiftWrapException(layer + ": cannot decrypt: " + ex.getMessage());
        }
    }

    private static void fail(String layer, String reason) {
        throw new GiftWrapException(layer + ": " + reason);
    }

    private static long jitter(long now, RandomGenerator random) {
        return Math.max(0, now - random.nextLong(MAX_JITTER_SECONDS));
    }
}
