package mutual.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one way Mutual writes JSON outside the canonical event form: Jackson's generator, which
 * quotes and escapes for us, so no command, report or endpoint builds JSON by joining strings. A signed event already written as JSON goes in with
 * {@link JsonGenerator#writeRawValue(String)}, byte for byte as it was signed.
 */
public final class JsonOut {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonOut() {}

    public static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
