package mutual.protocol.event;

/** Writes an event as the JSON object clients exchange, in the field order nostr tools use. */
public final class EventJson {
    private EventJson() {}

    public static String write(Event e) {
        return new String(writeBytes(e), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static byte[] writeBytes(Event e) {
        JsonOut out = new JsonOut(300 + e.content().length() + e.tags().size() * 80);
        writeTo(out, e);
        return out.toBytes();
    }

    static void writeTo(JsonOut out, Event e) {
        out.ascii("{\"id\":\"").ascii(e.id().hex())
                .ascii("\",\"pubkey\":\"").ascii(e.pubkey().hex())
                .ascii("\",\"created_at\":").number(e.createdAt())
                .ascii(",\"kind\":").number(e.kind())
                .ascii(",\"tags\":");
        Canonical.writeTags(out, e.tags(), EscapeStyle.JSON_STRINGIFY);
        out.ascii(",\"content\":").string(e.content(), EscapeStyle.JSON_STRINGIFY)
                .ascii(",\"sig\":\"").ascii(e.sig().hex()).ascii("\"}");
    }

    /** A JSON string literal with the same escaping as event fields, for the wire layer. */
    public static String quote(String s) {
        return new JsonOut(s.length() + 2).string(s, EscapeStyle.JSON_STRINGIFY).toString();
    }
}
