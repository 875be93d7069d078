package mutual.protocol.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.KindClass;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/** Reads and writes NIP-01 filter objects. Unknown fields are ignored; malformed known ones are rejected. */
public final class FilterJson {
    private FilterJson() {}

    public static Filter read(Json json, String text) {
        JsonParser p = json.parser(text);
        Json.expect(p, JsonToken.START_OBJECT, "filter");
        Filter f = readObject(p, json.limits());
        Json.end(p);
        return f;
    }

    /** Reads the fields of a filter whose START_OBJECT was just consumed. */
    public static Filter readObject(JsonParser p, Limits limits) {
        FilterBuilder b = Filter.builder();
        Set<String> seen = new java.util.HashSet<>();
        JsonToken t;
        while ((t = Json.next(p)) == JsonToken.FIELD_NAME) {
            String field = Json.text(p);
            if (!seen.add(field)) throw new DecodeException("duplicate filter field " + field);
            switch (field) {
                case "ids" -> b.ids(values(p, limits, "ids", s -> EventId.fromHex(s)
                        .orElseThrow(() -> new DecodeException("ids must be 64 lowercase hex characters"))));
                case "authors" -> b.authors(values(p, limits, "authors", s -> PubKey.fromHex(s)
                        .orElseThrow(() -> new DecodeException("authors must be 64 lowercase hex characters"))));
                case "kinds" -> b.kinds(kinds(p, limits));
                case "since" -> b.since(Json.wholeNumber(p, "since", Long.MAX_VALUE / 2));
                case "until" -> b.until(Json.wholeNumber(p, "until", Long.MAX_VALUE / 2));
                case "limit" -> b.limit((int) Math.min(Integer.MAX_VALUE, Json.wholeNumber(p, "limit", Long.MAX_VALUE / 2)));
                case "search" -> b.search(Json.string(p, "search"));
                default -> {
                    if (field.startsWith("#")) {
                        if (field.length() != 2 || !Character.isLetter(field.charAt(1)) || field.charAt(1) > 'z')
                            throw new DecodeException("tag filter " + field + " must be # followed by one letter");
                        b.tag(field.charAt(1), values(p, limits, field, s -> {
                            if (s.length() > limits.maxTagElementChars()) throw new DecodeException("a tag filter value is too long");
                            return s;
                        }));
                    } else {
                        Json.next(p);
                        Json.skipValue(p);
                    }
                }
            }
        }
        if (t != JsonToken.END_OBJECT) throw new DecodeException("filter is not a complete object");
        return b.build();
    }

    private static <T> Set<T> values(JsonParser p, Limits limits, String what, Function<String, T> parse) {
        Json.expect(p, JsonToken.START_ARRAY, what);
        Set<T> out = new LinkedHashSet<>();
        JsonToken t;
        int n = 0;
        while ((t = Json.next(p)) == JsonToken.VALUE_STRING) {
            if (++n > limits.maxFilterValues()) throw new DecodeException(what + " has more than " + limits.maxFilterValues() + " values");
            out.add(parse.apply(Json.text(p)));
        }
        if (t != JsonToken.END_ARRAY) throw new DecodeException(what + " must be an array of strings, got " + Json.describe(t));
        return out;
    }

    private static Set<Integer> kinds(JsonParser p, Limits limits) {
        Json.expect(p, JsonToken.START_ARRAY, "kinds");
        Set<Integer> out = new LinkedHashSet<>();
        int n = 0;
        while (true) {
            JsonToken t = Json.next(p);
            if (t == JsonToken.END_ARRAY) return out;
            if (t != JsonToken.VALUE_NUMBER_INT) throw new DecodeException("kinds must be whole numbers, got " + Json.describe(t));
            // Count values as sent, like the other lists, so repeats cannot slip past the limit.
            if (++n > limits.maxFilterValues()) throw new DecodeException("kinds has more than " + limits.maxFilterValues() + " values");
            long v;
            try {
                v = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
            } catch (java.io.IOException e) {
                v = -1;
            }
            if (v < 0 || v > KindClass.MAX_KIND) throw new DecodeException("kinds must be between 0 and 65535");
            out.add((int) v);
        }
    }

    public static String write(Filter f) {
        StringBuilder sb = new StringBuilder("{");
        f.ids().ifPresent(v -> field(sb, "ids", v.stream().map(EventId::hex).sorted().map(EventJson::quote).toList()));
        f.authors().ifPresent(v -> field(sb, "authors", v.stream().map(PubKey::hex).sorted().map(EventJson::quote).toList()));
        f.kinds().ifPresent(v -> field(sb, "kinds", v.stream().sorted().map(String::valueOf).toList()));
        f.tags().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> field(sb, "#" + e.getKey(), e.getValue().stream().map(EventJson::quote).toList()));
        f.since().ifPresent(v -> raw(sb, "since", Long.toString(v)));
        f.until().ifPresent(v -> raw(sb, "until", Long.toString(v)));
        f.limit().ifPresent(v -> raw(sb, "limit", Integer.toString(v)));
        f.search().ifPresent(v -> raw(sb, "search", EventJson.quote(v)));
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String name, java.util.List<String> items) {
        raw(sb, name, "[" + String.join(",", items) + "]");
    }

    private static void raw(StringBuilder sb, String name, String value) {
        if (sb.length() > 1) sb.append(',');
        sb.append('"').append(name).append("\":").append(value);
    }
}
