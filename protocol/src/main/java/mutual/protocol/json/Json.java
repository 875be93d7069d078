package mutual.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Jackson's streaming parser, configured with our limits, and the few helpers every decoder
 * shares. Decoders read tokens directly; there is no tree model, so nothing is allocated
 * beyond the values we keep.
 */
public final class Json {
    private final JsonFactory factory;
    private final Limits limits;

    private Json(Limits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(Math.max(limits.maxContentChars(), limits.maxTagElementChars()) * 6 + 16)
                        .maxNumberLength(24)
                        .maxDocumentLength(limits.maxMessageBytes())
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public static Json create(Limits limits) {
        return new Json(limits);
    }

    public Limits limits() {
        return limits;
    }

    public JsonParser parser(byte[] bytes) {
        if (bytes.length > limits.maxMessageBytes())
            throw new DecodeException("message is " + bytes.length + " bytes, more than the limit of " + limits.maxMessageBytes());
        try {
            return factory.createParser(bytes);
        } catch (IOException e) {
            throw new DecodeException("unreadable JSON");
        }
    }

    public JsonParser parser(String text) {
        if (text.length() > limits.maxMessageBytes())
            throw new DecodeException("message is longer than the limit of " + limits.maxMessageBytes() + " bytes");
        try {
            return factory.createParser(text);
        } catch (IOException e) {
            throw new DecodeException("unreadable JSON");
        }
    }

    /** The next token, with parse errors turned into a {@link DecodeException} that says why. */
    public static JsonToken next(JsonParser p) {
        try {
            return p.nextToken();
        } catch (StreamConstraintsException e) {
            throw new DecodeException("JSON exceeds a limit: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new DecodeException("malformed JSON: " + firstLine(m));
        }
    }

    public static void expect(JsonParser p, JsonToken expected, String what) {
        JsonToken t = next(p);
        if (t != expected) throw new DecodeException(what + " must be " + describe(expected) + ", got " + describe(t));
    }

    public static String string(JsonParser p, String what) {
        JsonToken t = next(p);
        if (t != JsonToken.VALUE_STRING) throw new DecodeException(what + " must be a string, got " + describe(t));
        return text(p);
    }

    /** The current string value. */
    public static String text(JsonParser p) {
        try {
            return p.getText();
        } catch (IOException e) {
            throw new DecodeException("malformed JSON string");
        }
    }

    /** Reads a whole number that fits a non-negative long, rejecting fractions and exponents. */
    public static long wholeNumber(JsonParser p, String what, long max) {
        JsonToken t = next(p);
        if (t != JsonToken.VALUE_NUMBER_INT) throw new DecodeException(what + " must be a whole number, got " + describe(t));
        try {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw new DecodeException(what + " is out of range");
            long v = p.getLongValue();
            if (v < 0 || v > max) throw new DecodeException(what + " must be between 0 and " + max);
            return v;
        } catch (IOException e) {
            throw new DecodeException(what + " is out of range");
        }
    }

    /** Skips the value that starts at the current token. */
    public static void skipValue(JsonParser p) {
        try {
            p.skipChildren();
        } catch (StreamConstraintsException e) {
            throw new DecodeException("JSON exceeds a limit: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new DecodeException("malformed JSON");
        }
    }

    /** Requires that nothing but whitespace follows the value just read. */
    public static void end(JsonParser p) {
        if (next(p) != null) throw new DecodeException("trailing data after the JSON value");
    }

    public static String describe(JsonToken t) {
        if (t == null) return "end of input";
        return switch (t) {
            case START_ARRAY -> "an array";
            case END_ARRAY -> "end of array";
            case START_OBJECT -> "an object";
            case END_OBJECT -> "end of object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String firstLine(String m) {
        if (m == null) return "unknown error";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
