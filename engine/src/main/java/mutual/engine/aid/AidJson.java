package mutual.engine.aid;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.geo.Precision;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;

/** The JSON shapes of the aid API (docs/api.md). */
final class AidJson {
    private AidJson() {}

    static String write(JsonOut.Body body) {
        return JsonOut.write(body);
    }

    static String error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    static void listing(JsonGenerator g, Listing l) throws IOException {
        g.writeStartObject();
        g.writeStringField("ref", l.address().toString());
        g.writeStringField("naddr", Nip19.encode(Entity.Naddr.of(l.address(), List.of())));
        g.writeStringField("id", l.id().hex());
        g.writeStringField("author", l.author().hex());
        g.writeStringField("npub", Nip19.npub(l.author()));
        g.writeStringField("type", l.type().label());
        strings(g, "categories", l.categories().stream().map(Category::label).toList());
        strings(g, "topics", l.topics());
        g.writeStringField("title", l.title());
        optional(g, "summary", l.summary());
        g.writeStringField("content", l.content());
        optional(g, "location", l.location());
        g.writeStringField("geohash", l.geohash().value());
        optional(g, "precision", precision(l));
        if (l.radiusKm().isPresent()) g.writeNumberField("radius_km", l.radiusKm().get());
        g.writeNumberField("reach_km", round(l.reachKm()));
        if (l.quantity().isPresent()) {
            g.writeObjectFieldStart("quantity");
            g.writeStringField("amount", l.quantity().get().amount().toPlainString());
            optional(g, "unit", l.quantity().get().unit());
            g.writeEndObject();
        }
        g.writeStringField("urgency", l.urgency().label());
        if (l.window().isPresent()) {
            g.writeObjectFieldStart("window");
            g.writeNumberField("start", l.window().get().start());
            g.writeNumberField("end", l.window().get().end());
            g.writeEndObject();
        }
        strings(g, "languages", l.languages());
        g.writeStringField("status", l.status().label());
        g.writeNumberField("published_at", l.publishedAt());
        g.writeNumberField("created_at", l.createdAt());
        if (l.expiration().isPresent()) g.writeNumberField("expiration", l.expiration().get());
        g.writeBooleanField("notify", l.wantsNotifications());
        g.writeEndObject();
    }

    static void ranked(JsonGenerator g, Ranked r, Optional<MatchView> match) throws IOException {
        g.writeStartObject();
        g.writeNumberField("score", round(r.score().score()));
        g.writeNumberField("distance_km", round(r.score().distanceKm()));
        strings(g, "reasons", r.score().reasons());
        if (match.isPresent()) {
            g.writeStringField("match_ref", match.get().ref());
            g.writeStringField("state", match.get().state().label());
        }
        g.writeFieldName("listing");
        listing(g, r.listing());
        g.writeEndObject();
    }

    static void match(JsonGenerator g, MatchView m) throws IOException {
        g.writeStartObject();
        g.writeStringField("ref", m.ref());
        g.writeStringField("state", m.state().label());
        g.writeStringField("need", m.pair().need().toString());
        g.writeStringField("offer", m.pair().offer().toString());
        if (m.score().isPresent()) g.writeNumberField("score", round(m.score().get()));
        strings(g, "reasons", m.reasons());
        optional(g, "suggestion", m.suggestion().map(id -> id.hex()));
        g.writeNumberField("since", m.since());
        strings(g, "accepted_by", m.acceptedBy().stream().sorted().map(ListingType::label).toList());
        g.writeArrayFieldStart("steps");
        for (MatchEvent s : m.steps()) {
            g.writeStartObject();
            g.writeStringField("id", s.id().hex());
            g.writeStringField("step", s.action().label());
            g.writeStringField("author", s.author().hex());
            g.writeNumberField("created_at", s.createdAt());
            g.writeStringField("content", s.content());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static Optional<String> precision(Listing l) {
        for (Precision p : Precision.values()) if (p.chars() == l.geohash().length()) return Optional.of(p.name().toLowerCase(java.util.Locale.ROOT));
        return Optional.empty();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    private static void optional(JsonGenerator g, String name, Optional<String> v) throws IOException {
        if (v.isPresent()) g.writeStringField(name, v.get());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
