package mutual.bench;

import java.util.SplittableRandom;
import mutual.protocol.crypto.Hex;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;

/**
 * Signed events shaped like the traffic a Mutual node checks: NIP-99 classified listings (kind
 * 30402, with title, summary, location, price, hashtags and a geohash) and NIP-01 notes (kind 1).
 * Each has its own key and content, and its {@code ["EVENT",…]} message is padded to a fixed size.
 */
final class BenchEvents {
    private static final String[] WORDS = ("lend borrow mower ladder drill soup bike repair lift garden seeds "
            + "childcare lessons tutoring firewood blankets jars tent rope shelves paint sewing bread "
            + "weekend evening neighbour street market swap share free pickup near the at for and with").split(" ");

    private BenchEvents() {}

    /** A signed event of {@code kind} (30402 or 1) whose EVENT message is exactly {@code messageBytes} long. */
    static Event signed(SplittableRandom r, int kind, int messageBytes) {
        SecretKey key = SecretKey.generate(r);
        long createdAt = 1_700_000_000L + r.nextInt(50_000_000);
        String words = words(r, messageBytes);
        Event draft = build(kind, createdAt, words.substring(0, 100)).sign(key);
        int overhead = ClientWire.encode(new ClientMessage.Publish(draft)).length() - 100;
        int contentLength = messageBytes - overhead;
        if (contentLength < 20) throw new IllegalArgumentException(messageBytes + " bytes is too small for a kind " + kind + " event");
        return build(kind, createdAt, words.substring(0, contentLength)).sign(key);
    }

    /** Tags are drawn from a generator seeded by the timestamp, so the draft and the final event share them. */
    private static EventBuilder build(int kind, long createdAt, String content) {
        SplittableRandom r = new SplittableRandom(createdAt);
        EventBuilder b = EventBuilder.create(kind, createdAt).content(content);
        if (kind == 30402) {
            String item = word(r) + " " + word(r);
            b.tag("d", "listing-" + Hex.encode(bytes(r, 6)))
                    .tag("title", "To " + word(r) + ": " + item)
                    .tag("summary", "A " + item + " for the " + word(r) + ", " + word(r) + " " + word(r))
                    .tag("published_at", Long.toString(createdAt - r.nextInt(86_400)))
                    .tag("location", "Rue des " + word(r) + " " + (1 + r.nextInt(99)) + ", Lyon")
                    .tag("price", "0", "EUR")
                    .tag("t", word(r)).tag("t", "mutualaid")
                    .tag("g", geohash(r))
                    .tag("image", "https://img.example.org/" + Hex.encode(bytes(r, 16)) + ".jpg");
        } else {
            b.tag("e", Hex.encode(bytes(r, 32)), "wss://relay.example.org", "root")
                    .tag("p", Hex.encode(bytes(r, 32)))
                    .tag("t", "mutualaid");
        }
        return b;
    }

    private static String words(SplittableRandom r, int atLeast) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < atLeast) sb.append(word(r)).append(r.nextInt(8) == 0 ? ". " : " "); // nothing JSON escapes, so chars = bytes
        return sb.toString();
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String geohash(SplittableRandom r) {
        String base32 = "0123456789bcdefghjkmnpqrstuvwxyz";
        StringBuilder sb = new StringBuilder("u05k");
        for (int i = 0; i < 5; i++) sb.append(base32.charAt(r.nextInt(32)));
        return sb.toString();
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
