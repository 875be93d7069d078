package mutual.protocol.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Tag;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.Test;

/** Rumor JSON: written like an event without sig, read back exactly, read with the same limits as events. */
class RumorJsonTest {
    final PubKey pk = PubKey.fromHex("611df01bfcf85c26ae65453b772d8f1dfd25c264621c0277e1fc1518686faef9").orElseThrow();

    @Test
    void roundTripsEscapesAndUnicode() {
        Rumor r = Rumor.create(pk, 1691518405L, 14, List.of(Tag.of("p", pk.hex(), "wss://r.example"), Tag.of("subject", "tab\there")),
                "quote \" backslash \\ newline \n control \u0001 emoji \uD83E\uDD5E");
        String json = r.toJson();
        assertTrue(json.contains("\\u0001"), json);
        assertEquals(r, RumorJson.read(GiftWrapTest.JSON, json));
        assertTrue(RumorJson.read(GiftWrapTest.JSON, json).idMatches());
    }

    @Test
    void readsTheRumorFromNip59AndIgnoresASigField() {
        String nip59 = "{\"created_at\":1691518405,\"content\":\"Are you going to the party tonight?\",\"tags\":[],\"kind\":1,"
                + "\"pubkey\":\"611df01bfcf85c26ae65453b772d8f1dfd25c264621c0277e1fc1518686faef9\","
                + "\"id\":\"9dd003c6d3b73b74a85a9ab099469ce251653a7af76f523671ab828acd2a0ef9\",\"sig\":\"whatever\"}";
        Rumor r = RumorJson.read(GiftWrapTest.JSON, nip59);
        assertTrue(r.idMatches());
    }

    @Test
    void refusesMissingFieldsDuplicatesAndTooManyTags() {
        String noId = "{\"pubkey\":\"" + pk.hex() + "\",\"created_at\":1,\"kind\":1,\"tags\":[],\"content\":\"\"}";
        assertEquals("rumor has no id", assertThrows(DecodeException.class, () -> RumorJson.read(GiftWrapTest.JSON, noId)).getMessage());
        String dup = "{\"kind\":1,\"kind\":2}";
        assertTrue(assertThrows(DecodeException.class, () -> RumorJson.read(GiftWrapTest.JSON, dup)).getMessage().contains("Duplicate"));
        Limits small = new Limits(512 * 1024, 8, 2, 64, 100, 1000, 64, 20, 1000);
        String three = "{\"tags\":[[\"a\"],[\"b\"],[\"c\"]]}";
        assertTrue(assertThrows(DecodeException.class, () -> RumorJson.read(Json.create(small), three)).getMessage().contains("more than 2 tags"));
    }
}
