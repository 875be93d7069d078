package mutual.protocol.dm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/**
 * Writes and reads rumors as JSON: an event object without {@code sig}. Reading applies the same
 * limits and type checks as {@code EventReader}; a {@code sig} field, which a careless client may
 * leave in, is ignored like any unknown field.
 */
public final class RumorJson {
    private RumorJson() {}

    public static String write(Rumor r) {
        StringBuilder sb = new StringBuilder(200 + r.content().length() + r.tags().size() * 80);
        sb.append("{\"id\":\"").append(r.id().hex())
                .append("\",\"pubkey\":\"").append(r.pubkey().hex())
                .append("\",\"created_at\":").append(r.createdAt())
                .append(",\"kind\":").append(r.kind())
                .append(",\"tags\":[");
        for (int i = 0; i < r.tags().size(); i++) {
            if (i > 0) sb.append(',');
            sb.append('[');
            List<String> v = r.tags().get(i).values();
            for (int j = 0; j < v.size(); j++) {
                if (j > 0) sb.append(',');
                sb.append(EventJson.quote(v.get(j)));
            }
            sb.append(']');
        }
        return sb.append("],\"content\":").append(EventJson.quote(r.content())).append('}').toString();
    }

    /** Reads one rumor object; throws {@link DecodeException} with the reason when the JSON is malformed or incomplete. */
    public static Rumor read(Json json, String text) {
        JsonParser p = json.parser(text);
        Json.expect(p, JsonToken.START_OBJECT, "rumor");
        Rumor r = readObject(p, json.limits());
        Json.end(p);
        return r;
    }

    private static Rumor readObject(JsonParser p, Limits limits) {
        EventId id = null;
        PubKey pubkey = null;
        long createdAt = -1;
        int kind = -1;
        List<Tag> tags = null;
        String content = null;
        JsonToken t;
        while ((t = Json.next(p)) == JsonToken.FIELD_NAME) {
            switch (Json.text(p)) {
                case "id" -> id = EventId.fromHex(Json.string(p, "id"))
                        .orElseThrow(() -> new DecodeException("id must be 64 lowercase hex characters"));
                case "pubkey" -> pubkey = PubKey.fromHex(Json.string(p, "pubkey"))
                        .orElseThrow(() -> new DecodeException("pubkey must be 64 lowercase hex characters"));
                case "created_at" -> createdAt = Json.wholeNumber(p, "created_at", Long.MAX_VALUE / 2);
                case "kind" -> kind = (int) Json.wholeNumber(p, "kind", KindClass.MAX_KIND);
                case "tags" -> tags = readTags(p, limits);
                case "content" -> {
                    content = Json.string(p, "content");
                    if (content.length() > limits.maxContentChars())
                        throw new DecodeException("content is longer than " + limits.maxContentChars() + " characters");
                }
                default -> {
                    Json.next(p);
                    Json.skipValue(p);
                }
            }
        }
        if (t != JsonToken.END_OBJECT) throw new DecodeException("rumor is not a complete object");
        if (id == null) throw new DecodeException("rumor has no id");
        if (pubkey == null) throw new DecodeException("rumor has no pubkey");
        if (createdAt < 0) throw new DecodeException("rumor has no created_at");
        if (kind < 0) throw new DecodeException("rumor has no kind");
        if (tags == null) throw new DecodeException("rumor has no tags");
        if (content == null) throw new DecodeException("rumor has no content");
        return new Rumor(id, pubkey, createdAt, kind, tags, content);
    }

    private static List<Tag> readTags(JsonParser p, Limits limits) {
        Json.expect(p, JsonToken.START_ARRAY, "tags");
        List<Tag> tags = new ArrayList<>();
        JsonToken t;
        while ((t = Json.next(p)) == JsonToken.START_ARRAY) {
            if (tags.size() == limits.maxTags()) throw new DecodeException("more than " + limits.maxTags() + " tags");
            List<String> values = new ArrayList<>(4);
            JsonToken v;
            while ((v = Json.next(p)) == JsonToken.VALUE_STRING) {
                if (values.size() == limits.maxTagElements())
                    throw new DecodeException("a tag has more than " + limits.maxTagElements() + " elements");
                String s = Json.text(p);
                if (s.length() > limits.maxTagElementChars())
                    throw new DecodeException("a tag element is longer than " + limits.maxTagElementChars() + " characters");
                values.add(s);
            }
            if (v != JsonToken.END_ARRAY) throw new DecodeException("tag elements must be strings, got " + Json.describe(v));
            if (values.isEmpty()) throw new DecodeException("a tag must not be empty");
            tags.add(new Tag(values));
        }
        if (t != JsonToken.END_ARRAY) throw new DecodeException("each tag must be an array of strings, got " + Json.describe(t));
        return tags;
    }
}
