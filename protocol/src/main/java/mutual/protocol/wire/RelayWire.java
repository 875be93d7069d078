package mutual.protocol.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.EventId;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/** Encodes relay messages for the wire, and decodes them for our own client code (CLI, sync, tests). */
public final class RelayWire {
    private final Json json;

    private RelayWire(Limits limits) {
        this.json = Json.create(limits);
    }

    public static RelayWire create(Limits limits) {
        return new RelayWire(limits);
    }

    public static String encode(RelayMessage m) {
        return switch (m) {
            case RelayMessage.EventMsg e -> "[\"EVENT\"," + EventJson.quote(e.subscriptionId()) + "," + EventJson.write(e.event()) + "]";
            case RelayMessage.Ok ok -> "[\"OK\",\"" + ok.eventId().hex() + "\"," + ok.accepted() + "," + EventJson.quote(ok.message()) + "]";
            case RelayMessage.Eose e -> "[\"EOSE\"," + EventJson.quote(e.subscriptionId()) + "]";
            case RelayMessage.Closed c -> "[\"CLOSED\"," + EventJson.quote(c.subscriptionId()) + "," + EventJson.quote(c.message()) + "]";
            case RelayMessage.Notice n -> "[\"NOTICE\"," + EventJson.quote(n.message()) + "]";
            case RelayMessage.AuthChallenge a -> "[\"AUTH\"," + EventJson.quote(a.challenge()) + "]";
            case RelayMessage.CountResult c -> "[\"COUNT\"," + EventJson.quote(c.subscriptionId()) + ",{\"count\":" + c.count()
                    + (c.approximate() ? ",\"approximate\":true" : "") + "}]";
            case RelayMessage.NegMsg n -> "[\"NEG-MSG\"," + EventJson.quote(n.subscriptionId()) + ",\"" + Hex.encode(n.message()) + "\"]";
            case RelayMessage.NegErr n -> "[\"NEG-ERR\"," + EventJson.quote(n.subscriptionId()) + "," + EventJson.quote(n.reason()) + "]";
        };
    }

    public RelayMessage decode(String text) {
        JsonParser p = json.parser(text);
        Json.expect(p, JsonToken.START_ARRAY, "a message");
        String type = Json.string(p, "the message type");
        RelayMessage m = switch (type) {
            case "EVENT" -> {
                String sub = Json.string(p, "the subscription id");
                Json.expect(p, JsonToken.START_OBJECT, "the event");
                yield new RelayMessage.EventMsg(sub, EventReader.readObject(p, json.limits()));
            }
            case "OK" -> {
                EventId id = EventId.fromHex(Json.string(p, "the event id")).orElseThrow(() -> new DecodeException("OK carries a malformed id"));
                JsonToken b = Json.next(p);
                if (b != JsonToken.VALUE_TRUE && b != JsonToken.VALUE_FALSE) throw new DecodeException("OK must carry a boolean");
                yield new RelayMessage.Ok(id, b == JsonToken.VALUE_TRUE, Json.string(p, "the OK message"));
            }
            case "EOSE" -> new RelayMessage.Eose(Json.string(p, "the subscription id"));
            case "CLOSED" -> new RelayMessage.Closed(Json.string(p, "the subscription id"), Json.string(p, "the CLOSED message"));
            case "NOTICE" -> new RelayMessage.Notice(Json.string(p, "the notice"));
            case "AUTH" -> new RelayMessage.AuthChallenge(Json.string(p, "the challenge"));
            case "COUNT" -> count(p);
            case "NEG-MSG" -> new RelayMessage.NegMsg(Json.string(p, "the subscription id"),
                    Hex.decodeAny(Json.string(p, "the negentropy message")).orElseThrow(() -> new DecodeException("NEG-MSG is not hex")));
            case "NEG-ERR" -> new RelayMessage.NegErr(Json.string(p, "the subscription id"), Json.string(p, "the reason"));
            default -> throw new DecodeException("unknown relay message type " + type);
        };
        Json.expect(p, JsonToken.END_ARRAY, "the end of the message");
        Json.end(p);
        return m;
    }

    private static RelayMessage count(JsonParser p) {
        String sub = Json.string(p, "the subscription id");
        Json.expect(p, JsonToken.START_OBJECT, "the count");
        long count = -1;
        boolean approximate = false;
        while (Json.next(p) == JsonToken.FIELD_NAME) {
            String f = Json.text(p);
            if (f.equals("count")) count = Json.wholeNumber(p, "count", Long.MAX_VALUE);
            else if (f.equals("approximate")) {
                approximate = Json.next(p) == JsonToken.VALUE_TRUE;
            } else {
                Json.next(p);
                Json.skipValue(p);
            }
        }
        if (count < 0) throw new DecodeException("COUNT has no count");
        return new RelayMessage.CountResult(sub, count, approximate);
    }

}
