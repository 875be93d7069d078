package mutual.protocol.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.EventReader;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterJson;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/**
 * Decodes client messages with hard limits, and encodes them for our own client code. Every
 * rejection is a {@link DecodeException} whose message says what was wrong.
 */
public final class ClientWire {
    private final Json json;

    private ClientWire(Limits limits) {
        this.json = Json.create(limits);
    }

    public static ClientWire create(Limits limits) {
        return new ClientWire(limits);
    }

    public Limits limits() {
        return json.limits();
    }

    public ClientMessage decode(String text) {
        return decode(json.parser(text));
    }

    public ClientMessage decode(byte[] utf8) {
        return decode(json.parser(utf8));
    }

    private ClientMessage decode(JsonParser p) {
        Limits limits = json.limits();
        Json.expect(p, JsonToken.START_ARRAY, "a message");
        String type = Json.string(p, "the message type");
        ClientMessage m = switch (type) {
            case "EVENT" -> new ClientMessage.Publish(event(p, limits));
            case "AUTH" -> new ClientMessage.Auth(event(p, limits));
            case "REQ" -> new ClientMessage.Req(subscriptionId(p, limits), filters(p, limits));
            case "COUNT" -> new ClientMessage.Count(subscriptionId(p, limits), filters(p, limits));
            case "CLOSE" -> new ClientMessage.Close(subscriptionId(p, limits));
            case "NEG-OPEN" -> negOpen(p, limits);
            case "NEG-MSG" -> new ClientMessage.NegMsg(subscriptionId(p, limits), hex(p));
            case "NEG-CLOSE" -> new ClientMessage.NegClose(subscriptionId(p, limits));
            default -> throw new DecodeException("unknown message type " + EventJson.quote(truncate(type)));
        };
        if (!(m instanceof ClientMessage.Req) && !(m instanceof ClientMessage.Count)) {
            JsonToken t = Json.next(p);
            if (t != JsonToken.END_ARRAY) throw new DecodeException(type + " message has extra elements");
        }
        Json.end(p);
        return m;
    }

    private static Event event(JsonParser p, Limits limits) {
        Json.expect(p, JsonToken.START_OBJECT, "the event");
        return EventReader.readObject(p, limits);
    }

    private static String subscriptionId(JsonParser p, Limits limits) {
        String id = Json.string(p, "the subscription id");
        if (id.isEmpty()) throw new DecodeException("the subscription id must not be empty");
        if (id.length() > limits.maxSubscriptionIdChars())
            throw new DecodeException("the subscription id is longer than " + limits.maxSubscriptionIdChars() + " characters");
        return id;
    }

    /** Reads filters up to the closing bracket of the message. */
    private static List<Filter> filters(JsonParser p, Limits limits) {
        List<Filter> out = new ArrayList<>();
        JsonToken t;
        while ((t = Json.next(p)) == JsonToken.START_OBJECT) {
            if (out.size() == limits.maxFilters()) throw new DecodeException("more than " + limits.maxFilters() + " filters");
            out.add(FilterJson.readObject(p, limits));
        }
        if (t != JsonToken.END_ARRAY) throw new DecodeException("filters must be objects, got " + Json.describe(t));
        if (out.isEmpty()) throw new DecodeException("at least one filter is required");
        return out;
    }

    private static ClientMessage negOpen(JsonParser p, Limits limits) {
        String id = subscriptionId(p, limits);
        Json.expect(p, JsonToken.START_OBJECT, "the NEG-OPEN filter");
        Filter f = FilterJson.readObject(p, limits);
        return new ClientMessage.NegOpen(id, f, hex(p));
    }

    private static byte[] hex(JsonParser p) {
        return Hex.decodeAny(Json.string(p, "the negentropy message"))
                .orElseThrow(() -> new DecodeException("the negentropy message must be lowercase hex"));
    }

    private static String truncate(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "…" : s;
    }

    /** Encodes a client message as nostr clients send it. */
    public static String encode(ClientMessage m) {
        return switch (m) {
            case ClientMessage.Publish e -> "[\"EVENT\"," + EventJson.write(e.event()) + "]";
            case ClientMessage.Auth a -> "[\"AUTH\"," + EventJson.write(a.event()) + "]";
            case ClientMessage.Req r -> "[\"REQ\"," + EventJson.quote(r.subscriptionId()) + filtersJson(r.filters()) + "]";
            case ClientMessage.Count c -> "[\"COUNT\"," + EventJson.quote(c.subscriptionId()) + filtersJson(c.filters()) + "]";
            case ClientMessage.Close c -> "[\"CLOSE\"," + EventJson.quote(c.subscriptionId()) + "]";
            case ClientMessage.NegOpen n -> "[\"NEG-OPEN\"," + EventJson.quote(n.subscriptionId()) + "," + FilterJson.write(n.filter())
                    + ",\"" + Hex.encode(n.message()) + "\"]";
            case ClientMessage.NegMsg n -> "[\"NEG-MSG\"," + EventJson.quote(n.subscriptionId()) + ",\"" + Hex.encode(n.message()) + "\"]";
            case ClientMessage.NegClose n -> "[\"NEG-CLOSE\"," + EventJson.quote(n.subscriptionId()) + "]";
        };
    }

    private static String filtersJson(List<Filter> filters) {
        StringBuilder sb = new StringBuilder();
        for (Filter f : filters) sb.append(',').append(FilterJson.write(f));
        return sb.toString();
    }
}
