package mutual.engine.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import mutual.protocol.crypto.Hex;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterJson;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.JsonOut;
import mutual.protocol.json.Limits;

/**
 * The first line of a bundle (docs/node.md, "Bundles"): what the file holds and the SHA-256 of
 * its event lines, so an importer can show progress against {@code count} and tell a damaged
 * file from a whole one.
 *
 * @param version   format version ({@link #VERSION}); a reader refuses newer ones
 * @param createdAt when the bundle was written (Unix seconds)
 * @param count     event lines that follow
 * @param since     oldest {@code created_at} among them (absent when there are none)
 * @param until     newest {@code created_at} among them
 * @param filter    the NIP-01 filter the events were selected by (absent: everything)
 * @param giftWraps whether gift wraps (kind 1059) were included
 * @param bytes     total length of the event lines, newlines included
 * @param sha256    SHA-256 of those bytes, lowercase hex
 */
public record Manifest(int version, long createdAt, long count, OptionalLong since, OptionalLong until, Optional<Filter> filter,
                       boolean giftWraps, long bytes, String sha256) {
    public static final int VERSION = 1;
    static final String MAGIC = "mutual_bundle";

    public Manifest {
        if (!Hex.isLowerHex(sha256, 32)) throw new IllegalArgumentException("sha256 must be 64 lowercase hex characters");
    }

    /** One JSON object on one line, without the newline. */
    public byte[] toJsonBytes() {
        String s = JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberField(MAGIC, version);
            g.writeNumberField("created_at", createdAt);
            g.writeNumberField("count", count);
            if (since.isPresent()) g.writeNumberField("since", since.getAsLong());
            else g.writeNullField("since");
            if (until.isPresent()) g.writeNumberField("until", until.getAsLong());
            else g.writeNullField("until");
            g.writeFieldName("filter");
            if (filter.isPresent()) g.writeRawValue(FilterJson.write(filter.get()));
            else g.writeNull();
            g.writeBooleanField("gift_wraps", giftWraps);
            g.writeNumberField("bytes", bytes);
            g.writeStringField("sha256", sha256);
            g.writeEndObject();
        });
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a manifest line; unknown fields are ignored so that later versions can add some. */
    public static Manifest read(byte[] line) {
        Json json = Json.create(Limits.defaults());
        try {
            JsonParser p = json.parser(line);
            Json.expect(p, JsonToken.START_OBJECT, "the manifest");
            Fields f = new Fields();
            JsonToken t;
            while ((t = Json.next(p)) == JsonToken.FIELD_NAME) {
                String name = Json.text(p);
                switch (name) {
                    case MAGIC -> f.version = (int) Json.wholeNumber(p, name, Integer.MAX_VALUE);
                    case "created_at" -> f.createdAt = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                    case "count" -> f.count = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                    case "bytes" -> f.bytes = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                    case "since" -> f.since = optionalNumber(p, name);
                    case "until" -> f.until = optionalNumber(p, name);
                    case "gift_wraps" -> f.giftWraps = Json.next(p) == JsonToken.VALUE_TRUE;
                    case "sha256" -> f.sha256 = Json.string(p, name);
                    case "filter" -> {
                        JsonToken v = Json.next(p);
                        if (v == JsonToken.START_OBJECT) f.filter = Optional.of(FilterJson.readObject(p, json.limits()));
                        else if (v != JsonToken.VALUE_NULL) throw new DecodeException("filter must be an object or null");
                    }
                    default -> {
                        Json.next(p);
                        Json.skipValue(p);
                    }
                }
            }
            if (t != JsonToken.END_OBJECT) throw new DecodeException("the manifest is not a complete object");
            Json.end(p);
            if (f.version < 1) throw new DecodeException("no \"" + MAGIC + "\" version");
            if (f.version > VERSION)
                throw new BundleException("this bundle has format version " + f.version + ", newer than this Mutual reads (" + VERSION + "); update Mutual");
            if (f.count < 0 || f.bytes < 0 || f.createdAt < 0 || f.sha256 == null || !Hex.isLowerHex(f.sha256, 32))
                throw new DecodeException("count, bytes, created_at and sha256 are required");
            return new Manifest(f.version, f.createdAt, f.count, f.since, f.until, f.filter, f.giftWraps, f.bytes, f.sha256);
        } catch (DecodeException e) {
            throw new BundleException("not a Mutual bundle: the first line is not a bundle manifest (" + e.getMessage() + ")");
        }
    }

    private static OptionalLong optionalNumber(JsonParser p, String name) {
        JsonToken t = Json.next(p);
        if (t == JsonToken.VALUE_NULL) return OptionalLong.empty();
        if (t != JsonToken.VALUE_NUMBER_INT) throw new DecodeException(name + " must be a whole number or null");
        try {
            long v = p.getLongValue();
            if (v < 0) throw new DecodeException(name + " must not be negative");
            return OptionalLong.of(v);
        } catch (java.io.IOException e) {
            throw new DecodeException(name + " is out of range");
        }
    }

    private static final class Fields {
        int version;
        long createdAt = -1, count = -1, bytes = -1;
        OptionalLong since = OptionalLong.empty(), until = OptionalLong.empty();
        Optional<Filter> filter = Optional.empty();
        boolean giftWraps;
        String sha256;
    }
}
