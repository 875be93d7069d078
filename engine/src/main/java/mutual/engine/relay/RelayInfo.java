package mutual.engine.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The NIP-11 relay information document: who runs this node, what it supports, and the limits
 * clients should expect (so they can stay within them instead of learning by rejection).
 */
public record RelayInfo(
        String name,
        String description,
        String pubkey,
        Optional<String> contact,
        String software,
        String version,
        List<Integer> supportedNips,
        Limitation limitation) {

    /** The {@code limitation} object: every number is one the node actually enforces. */
    public record Limitation(
            int maxMessageLength,
            int maxSubscriptions,
            int maxFilters,
            int maxLimit,
            int maxSubidLength,
            int maxEventTags,
            int maxContentLength,
            long createdAtUpperLimit) {}

    /** The relay-side NIPs this engine implements. */
    public static final List<Integer> SUPPORTED_NIPS = List.of(1, 9, 11, 40, 42, 45, 50, 59, 62, 70, 77);

    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("description", description);
            g.writeStringField("pubkey", pubkey);
            if (contact.isPresent()) g.writeStringField("contact", contact.get());
            g.writeStringField("software", software);
            g.writeStringField("version", version);
            g.writeArrayFieldStart("supported_nips");
            for (int n : supportedNips) g.writeNumber(n);
            g.writeEndArray();
            g.writeObjectFieldStart("limitation");
            g.writeNumberField("max_message_length", limitation.maxMessageLength());
            g.writeNumberField("max_subscriptions", limitation.maxSubscriptions());
            g.writeNumberField("max_filters", limitation.maxFilters());
            g.writeNumberField("max_limit", limitation.maxLimit());
            g.writeNumberField("max_subid_length", limitation.maxSubidLength());
            g.writeNumberField("max_event_tags", limitation.maxEventTags());
            g.writeNumberField("max_content_length", limitation.maxContentLength());
            g.writeBooleanField("auth_required", false);
            g.writeBooleanField("payment_required", false);
            g.writeBooleanField("restricted_writes", false);
            g.writeNumberField("created_at_upper_limit", limitation.createdAtUpperLimit());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
