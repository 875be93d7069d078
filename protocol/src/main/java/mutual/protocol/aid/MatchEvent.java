package mutual.protocol.aid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * One signed step of a match (kind {@link AidKinds#MATCH}, docs/protocol.md): {@code a} tags
 * marked {@code need} and {@code offer}, {@code p} tags for both authors, the step as a NIP-32
 * label, optionally the suggestion it answers ({@code e}) and, on a suggestion, a {@code score}.
 */
public record MatchEvent(EventId id, PubKey author, long createdAt, MatchAction action, MatchPair pair,
                         Optional<EventId> replyTo, Optional<Double> score, String content) {

    /** Reads a match event; throws {@link AidException} naming the tag at fault. Does not check the signature. */
    public static MatchEvent parse(Event e) {
        if (e.kind() != AidKinds.MATCH) throw fail("kind " + e.kind() + " is not a match step (" + AidKinds.MATCH + ")");
        Address need = null, offer = null;
        for (Tag t : e.tagsNamed("a")) {
            String marker = t.get(3).orElse("");
            if (!marker.equals("need") && !marker.equals("offer")) continue;
            String v = t.value().orElse("");
            Address a = Address.parse(v).orElseThrow(() -> fail("a tag '" + v + "' is not a kind:pubkey:d address"));
            if (marker.equals("need")) need = a; else offer = a;
        }
        if (need == null || offer == null) throw fail("a match step names its need and its offer in a tags marked \"need\" and \"offer\"");
        MatchPair pair;
        try {
            pair = new MatchPair(need, offer);
        } catch (AidException x) {
            throw fail(x.getMessage());
        }
        List<String> steps = new ArrayList<>();
        for (Tag t : e.tagsNamed("l")) if (t.size() > 2 && t.values().get(2).equals(AidKinds.NS_MATCH)) steps.add(t.values().get(1));
        if (steps.size() != 1) throw fail("a match step has exactly one [\"l\", <step>, \"" + AidKinds.NS_MATCH + "\"] label, got " + steps.size());
        MatchAction action = MatchAction.fromLabel(steps.get(0))
                .orElseThrow(() -> fail("step '" + steps.get(0) + "' is not suggest, accept, decline, done, thanks or feedback"));
        if (action.bySide() && pair.sideOf(e.pubkey()).isEmpty())
            throw fail(action.label() + " must be signed by the author of the need or of the offer");
        Optional<EventId> reply = e.firstTagValue("e").map(v -> EventId.fromHex(v).orElseThrow(() -> fail("e tag '" + v + "' is not an event id")));
        Optional<Double> score = e.firstTagValue("score").map(v -> {
            try {
                double s = Double.parseDouble(v);
                if (s >= 0 && s <= 1) return s;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw fail("score '" + v + "' is not a number from 0 to 1");
        });
        return new MatchEvent(e.id(), e.pubkey(), e.createdAt(), action, pair, reply, score, e.content());
    }

    public static Builder builder(MatchAction action, MatchPair pair) {
        return new Builder(action, pair);
    }

    /** Builds and signs one step. */
    public static final class Builder {
        private final MatchAction action;
        private final MatchPair pair;
        private Optional<EventId> replyTo = Optional.empty();
        private Optional<Double> score = Optional.empty();
        private String relay = "";
        private String content = "";

        private Builder(MatchAction action, MatchPair pair) {
            this.action = action;
            this.pair = pair;
        }

        public Builder replyTo(EventId v) { replyTo = Optional.of(v); return this; }
        public Builder score(double v) {
            if (!(v >= 0 && v <= 1)) throw new AidException("score must be between 0 and 1, got " + v);
            score = Optional.of(v);
            return this;
        }
        /** A relay where both listings can be found, as the hint of the {@code a} tags. */
        public Builder relay(String v) { relay = v; return this; }
        public Builder content(String v) { content = v; return this; }

        public List<Tag> tags() {
            List<Tag> t = new ArrayList<>();
            t.add(Tag.of("a", pair.need().toString(), relay, "need"));
            t.add(Tag.of("a", pair.offer().toString(), relay, "offer"));
            t.add(Tag.of("p", pair.need().pubkey().hex()));
            if (!pair.offer().pubkey().equals(pair.need().pubkey())) t.add(Tag.of("p", pair.offer().pubkey().hex()));
            replyTo.ifPresent(id -> t.add(Tag.of("e", id.hex())));
            t.add(Tag.of("L", AidKinds.NS_MATCH));
            t.add(Tag.of("l", action.label(), AidKinds.NS_MATCH));
            score.ifPresent(s -> t.add(Tag.of("score", String.format(java.util.Locale.ROOT, "%.3f", s))));
            return t;
        }

        public Event sign(SecretKey key, long createdAt) {
            if (action.bySide() && pair.sideOf(key.publicKey()).isEmpty())
                throw new AidException("only the author of the need or of the offer can " + action.label() + " a match");
            return EventBuilder.create(AidKinds.MATCH, createdAt).tags(tags()).content(content).sign(key);
        }
    }

    private static AidException fail(String message) {
        return new AidException("match: " + message);
    }
}
