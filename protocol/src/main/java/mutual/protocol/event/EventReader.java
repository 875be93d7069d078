package mutual.protocol.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Signature;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/**
 * Reads an event object from JSON with hard limits. It checks shape and types (lowercase hex of
 * the right length, kinds in range, whole-number timestamps, no duplicate fields) but not
 * authenticity, which is {@link EventCheck}'s job. Unknown fields are ignored.
 */
public final class EventReader {
    private EventReader() {}

    /** Reads a whole document holding one event object. */
    public static Event read(Json json, String text) {
        JsonParser p = json.parser(text);
        Json.expect(p, JsonToken.START_OBJECT, "event");
        Event e = readObject(p, json.limits());
        Json.end(p);
        return e;
    }

    public static Event read(Json json, byte[] bytes) {
        JsonParser p = json.parser(bytes);
        Json.expect(p, JsonToken.START_OBJECT, "event");
        Event e = readObject(p, json.limits());
        Json.end(p);
        return e;
    }

    /** Reads the fields of an event whose START_OBJECT was just consumed. */
    public static Event readObject(JsonParser p, Limits limits) {
        Fields f = readFields(p, limits, "event", true);
        if (f.sig().isEmpty()) throw new DecodeException("event has no sig");
        return new Event(f.id(), f.pubkey(), f.createdAt(), f.kind(), f.tags(), f.content(), f.sig().get());
    }

    /**
     * The fields of an event object, {@code sig} optional: NIP-59 rumors are events without one.
     * {@code what} names the object in error messages ("event", "rumor"); when {@code signed} is
     * false a {@code sig} field is skipped unread, like any unknown field.
     */
    public record Fields(EventId id, PubKey pubkey, long createdAt, int kind, List<Tag> tags, String content, Optional<Signature> sig) {}

    /** Reads an event-shaped object whose START_OBJECT was just consumed; every field but {@code sig} is required. */
    public static Fields readFields(JsonParser p, Limits limits, String what, boolean signed) {
        EventId id = null;
        PubKey pubkey = null;
        Signature sig = null;
        long createdAt = -1;
        int kind = -1;
        List<Tag> tags = null;
        String content = null;
        JsonToken t;
        while ((t = Json.next(p)) == JsonToken.FIELD_NAME) {
            String field = Json.text(p);
            if (!signed && field.equals("sig")) field = "";
            switch (field) {
                case "id" -> id = EventId.fromHex(Json.string(p, "id"))
                        .orElseThrow(() -> new DecodeException("id must be 64 lowercase hex characters"));
                case "pubkey" -> pubkey = PubKey.fromHex(Json.string(p, "pubkey"))
                        .orElseThrow(() -> new DecodeException("pubkey must be 64 lowercase hex characters"));
                case "sig" -> sig = Signature.fromHex(Json.string(p, "sig"))
                        .orElseThrow(() -> new DecodeException("sig must be 128 lowercase hex characters"));
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
        if (t != JsonToken.END_OBJECT) throw new DecodeException(what + " is not a complete object");
        if (id == null) throw new DecodeException(what + " has no id");
        if (pubkey == null) throw new DecodeException(what + " has no pubkey");
        if (createdAt < 0) throw new DecodeException(what + " has no created_at");
        if (kind < 0) throw new DecodeException(what + " has no kind");
        if (tags == null) throw new DecodeException(what + " has no tags");
        if (content == null) throw new DecodeException(what + " has no content");
        return new Fields(id, pubkey, createdAt, kind, tags, content, Optional.ofNullable(sig));
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
