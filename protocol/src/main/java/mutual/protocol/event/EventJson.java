package mutual.protocol.event;

import mutual.protocol.crypto.Sha256;

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

    /**
     * The event's JSON as {@link #writeBytes} makes it, and the SHA-256 of its NIP-01 serialization
     * (what its id must be), with the tags and content escaped once for both: the hash reads them
     * from the JSON, since both use the same escaping ({@link Canonical}).
     */
    public static EncodedEvent encode(Event e) {
        JsonOut out = new JsonOut(300 + e.content().length() + e.tags().size() * 80);
        int[] at = writeTo(out, e);
        JsonOut head = new JsonOut(100);
        head.ascii("[0,\"").hex(e.pubkey().raw()).ascii("\",").number(e.createdAt()).raw(',').number(e.kind()).raw(',');
        java.security.MessageDigest d = Sha256.digest();
        d.update(head.buffer(), 0, head.length());
        d.update(out.buffer(), at[0], at[1] - at[0]);
        d.update((byte) ',');
        d.update(out.buffer(), at[2], at[3] - at[2]);
        d.update((byte) ']');
        return new EncodedEvent(out.toBytes(), d.digest());
    }

    /** Writes the event; returns where its tags and its content (quoted) start and end in {@code out}. */
    static int[] writeTo(JsonOut out, Event e) {
        out.ascii("{\"id\":\"").hex(e.id().raw())
                .ascii("\",\"pubkey\":\"").hex(e.pubkey().raw())
                .ascii("\",\"created_at\":").number(e.createdAt())
                .ascii(",\"kind\":").number(e.kind())
                .ascii(",\"tags\":");
        int tags = out.length();
        Canonical.writeTags(out, e.tags(), EscapeStyle.JSON_STRINGIFY);
        int tagsEnd = out.length();
        out.ascii(",\"content\":");
        int content = out.length();
        out.string(e.content(), EscapeStyle.JSON_STRINGIFY);
        int contentEnd = out.length();
        out.ascii(",\"sig\":\"").hex(e.sig().raw()).ascii("\"}");
        return new int[] {tags, tagsEnd, content, contentEnd};
    }

    /** A JSON string literal with the same escaping as event fields, for the wire layer. */
    public static String quote(String s) {
        return new JsonOut(s.length() + 2).string(s, EscapeStyle.JSON_STRINGIFY).toString();
    }
}
