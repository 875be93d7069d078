package mutual.protocol.dm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.EventReader;
import mutual.protocol.event.Tag;
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
        EventReader.Fields f = EventReader.readFields(p, limits, "rumor", false); // a stray sig is ignored
        return new Rumor(f.id(), f.pubkey(), f.createdAt(), f.kind(), f.tags(), f.content());
    }
}
