package mutual.protocol.aid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.crypto.Sha256;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.Tag;
import mutual.protocol.geo.Geohash;

/** The example events of docs/protocol.md, from fixed keys and times, and a readable printer for them. */
public final class AidExamples {
    public static final long T0 = 1767261600L; // 2026-01-01T10:00:00Z
    public static final SecretKey ALICE = key("mutual example alice");
    public static final SecretKey BOB = key("mutual example bob");
    public static final SecretKey NODE = key("mutual example node");

    private AidExamples() {}

    public static SecretKey key(String seed) {
        return SecretKey.of(Sha256.hash(seed.getBytes(StandardCharsets.UTF_8))).orElseThrow();
    }

    public static Event need() {
        return ListingBuilder.create(ListingType.NEED, "groceries-for-two", "Groceries for two people this week")
                .summary("We are short on food until the end of the month")
                .content("Anything helps: rice, pasta, vegetables. I can pick up nearby.")
                .location("Kreuzberg, Berlin").category(Category.FOOD).topic("groceries")
                .geohash(Geohash.encode(52.4986, 13.4030, 5)).radiusKm(5).quantity(Quantity.parse("2", java.util.Optional.of("people")))
                .urgency(Urgency.URGENT).window(new TimeWindow(T0, T0 + 7 * 86400)).language("de").language("en")
                .expiration(T0 + 14 * 86400).notify(true).sign(ALICE, T0);
    }

    public static Event offer() {
        return ListingBuilder.create(ListingType.OFFER, "veg-box", "Vegetables from our allotment")
                .content("Potatoes, carrots and cabbage, every Saturday.")
                .location("Neukölln, Berlin").category(Category.FOOD).topic("vegetables")
                .geohash(Geohash.encode(52.4811, 13.4350, 5)).radiusKm(8).quantity(Quantity.parse("10", java.util.Optional.of("kg")))
                .window(new TimeWindow(T0 - 86400, T0 + 30 * 86400)).language("de")
                .expiration(T0 + 30 * 86400).notify(true).sign(BOB, T0 - 86400);
    }

    public static MatchPair pair() {
        return new MatchPair(Listing.parse(need()).address(), Listing.parse(offer()).address());
    }

    public static Event suggest() {
        return MatchEvent.builder(MatchAction.SUGGEST, pair()).relay("wss://mutual.example").score(0.87)
                .content("food, 3.0 km apart, windows overlap, urgent").sign(NODE, T0 + 5);
    }

    public static Event step(MatchAction action, SecretKey who, long at, String content) {
        return MatchEvent.builder(action, pair()).replyTo(suggest().id()).content(content).sign(who, at);
    }

    public static Event fulfilled() {
        return Listing.parse(need()).toBuilder().status(ListingStatus.FULFILLED).sign(ALICE, T0 + 2 * 86400 + 60);
    }

    /** Every example, in the order the document shows them. */
    public static List<Event> all() {
        return List.of(need(), offer(), suggest(),
                step(MatchAction.ACCEPT, ALICE, T0 + 600, ""),
                step(MatchAction.ACCEPT, BOB, T0 + 3600, ""),
                step(MatchAction.DONE, BOB, T0 + 2 * 86400, ""),
                step(MatchAction.THANKS, ALICE, T0 + 2 * 86400 + 30, "Thank you, the potatoes were wonderful!"),
                fulfilled());
    }

    /** One field per line and one tag per line, as the document shows events. */
    public static String pretty(Event e) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"id\": \"").append(e.id().hex()).append("\",\n");
        sb.append("  \"pubkey\": \"").append(e.pubkey().hex()).append("\",\n");
        sb.append("  \"created_at\": ").append(e.createdAt()).append(",\n");
        sb.append("  \"kind\": ").append(e.kind()).append(",\n");
        sb.append("  \"tags\": [\n");
        for (int i = 0; i < e.tags().size(); i++) {
            Tag t = e.tags().get(i);
            sb.append("    [");
            for (int j = 0; j < t.size(); j++) sb.append(j > 0 ? ", " : "").append(EventJson.quote(t.values().get(j)));
            sb.append(i + 1 < e.tags().size() ? "],\n" : "]\n");
        }
        sb.append("  ],\n");
        sb.append("  \"content\": ").append(EventJson.quote(e.content())).append(",\n");
        sb.append("  \"sig\": \"").append(e.sig().hex()).append("\"\n}");
        return sb.toString();
    }

    /** Prints the examples for pasting into docs/protocol.md. */
    public static void main(String[] args) {
        for (Event e : all()) System.out.println("```json\n" + pretty(e) + "\n```\n");
    }
}
