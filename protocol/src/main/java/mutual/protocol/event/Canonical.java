package mutual.protocol.event;

import java.util.List;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Sha256;

/** The NIP-01 serialization {@code [0,pubkey,created_at,kind,tags,content]} whose SHA-256 is the id. */
public final class Canonical {
    private Canonical() {}

    public static byte[] serialize(PubKey pubkey, long createdAt, int kind, List<Tag> tags, String content, EscapeStyle style) {
        return write(pubkey, createdAt, kind, tags, content, style).toBytes();
    }

    public static byte[] serialize(Event e) {
        return serialize(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), EscapeStyle.JSON_STRINGIFY);
    }

    public static EventId id(PubKey pubkey, long createdAt, int kind, List<Tag> tags, String content, EscapeStyle style) {
        JsonOut out = write(pubkey, createdAt, kind, tags, content, style);
        return EventId.of(Sha256.hash(out.buffer(), 0, out.length()));
    }

    /** True when some string holds a control character on which the two escape styles differ. */
    static boolean hasAmbiguousControl(List<Tag> tags, String content) {
        if (hasAmbiguousControl(content)) return true;
        for (Tag t : tags) for (String v : t.values()) if (hasAmbiguousControl(v)) return true;
        return false;
    }

    private static boolean hasAmbiguousControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\b' && c != '\f') return true;
        }
        return false;
    }

    private static JsonOut write(PubKey pubkey, long createdAt, int kind, List<Tag> tags, String content, EscapeStyle style) {
        JsonOut out = new JsonOut(160 + content.length() + tags.size() * 80);
        out.ascii("[0,\"").hex(pubkey.raw()).ascii("\",").number(createdAt).raw(',').number(kind).raw(',');
        writeTags(out, tags, style);
        out.raw(',').string(content, style).raw(']');
        return out;
    }

    static void writeTags(JsonOut out, List<Tag> tags, EscapeStyle style) {
        out.raw('[');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) out.raw(',');
            out.raw('[');
            List<String> v = tags.get(i).values();
            for (int j = 0; j < v.size(); j++) {
                if (j > 0) out.raw(',');
                out.string(v.get(j), style);
            }
            out.raw(']');
        }
        out.raw(']');
    }
}
