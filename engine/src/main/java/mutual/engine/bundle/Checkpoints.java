package mutual.engine.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mutual.protocol.crypto.Hex;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/**
 * How far unfinished imports got, one small file per bundle (named by the bundle's checksum) in
 * a folder of the node's data, so that a run after an interruption skips the lines an earlier
 * run finished instead of checking their signatures again. A checkpoint names only lines whose
 * outcome was final, so skipping them can lose nothing; a missing or unreadable one just means
 * starting from the first line, where duplicates are cheap.
 */
public final class Checkpoints {
    /** {@code lines} event lines (from the first) are finished, with these counts. */
    public record Checkpoint(long lines, Counts counts) {}

    private final Path folder;

    private Checkpoints(Path folder) {
        this.folder = folder;
    }

    /** Checkpoints kept in {@code folder} (created on first save). */
    public static Checkpoints in(Path folder) {
        return new Checkpoints(folder);
    }

    public Optional<Checkpoint> load(String bundleSha256) {
        Path f = file(bundleSha256);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(parse(Files.readAllBytes(f)));
        } catch (IOException | DecodeException e) {
            return Optional.empty(); // a torn checkpoint only costs re-checking lines
        }
    }

    public void save(String bundleSha256, Checkpoint c) {
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(bundleSha256 + ".tmp");
            Files.write(tmp, toJson(bundleSha256, c));
            Files.move(tmp, file(bundleSha256), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the import checkpoint in " + folder + ": " + e.getMessage(), e);
        }
    }

    public void clear(String bundleSha256) {
        try {
            Files.deleteIfExists(file(bundleSha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the import checkpoint in " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path file(String sha) {
        if (!Hex.isLowerHex(sha, 32)) throw new IllegalArgumentException("a checkpoint is named by a SHA-256");
        return folder.resolve(sha + ".json");
    }

    private static byte[] toJson(String sha, Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            Counts n = c.counts();
            g.writeStartObject();
            g.writeStringField("bundle", sha);
            g.writeNumberField("lines", c.lines());
            g.writeNumberField("stored", n.stored());
            g.writeNumberField("duplicate", n.duplicate());
            g.writeNumberField("refused", n.refused());
            g.writeNumberField("invalid", n.invalid());
            g.writeObjectFieldStart("reasons");
            for (Map.Entry<String, Long> e : n.reasons().entrySet()) g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static Checkpoint parse(byte[] bytes) {
        JsonParser p = Json.create(Limits.defaults()).parser(bytes);
        Json.expect(p, JsonToken.START_OBJECT, "checkpoint");
        long lines = 0, stored = 0, duplicate = 0, refused = 0, invalid = 0;
        Map<String, Long> reasons = new LinkedHashMap<>();
        while (Json.next(p) == JsonToken.FIELD_NAME) {
            String name = Json.text(p);
            switch (name) {
                case "lines" -> lines = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                case "stored" -> stored = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                case "duplicate" -> duplicate = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                case "refused" -> refused = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                case "invalid" -> invalid = Json.wholeNumber(p, name, Long.MAX_VALUE / 2);
                case "reasons" -> {
                    Json.expect(p, JsonToken.START_OBJECT, name);
                    while (Json.next(p) == JsonToken.FIELD_NAME) {
                        String reason = Json.text(p);
                        reasons.put(reason, Json.wholeNumber(p, "reason count", Long.MAX_VALUE / 2));
                    }
                }
                default -> {
                    Json.next(p);
                    Json.skipValue(p);
                }
            }
        }
        return new Checkpoint(lines, new Counts(stored, duplicate, refused, invalid, 0, reasons, List.of()));
    }
}
