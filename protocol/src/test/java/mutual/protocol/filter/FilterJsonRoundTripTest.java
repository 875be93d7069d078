package mutual.protocol.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import org.junit.jupiter.api.Test;

/** Every filter we write reads back as the same filter. */
class FilterJsonRoundTripTest {
    private static final Json JSON = Json.create(Limits.defaults());

    @Test
    void readsBackEveryRandomFilterItWrites() {
        RandomNostr gen = new RandomNostr(new Random(42));
        for (int i = 0; i < 5000; i++) {
            Filter f = gen.filter();
            String json = FilterJson.write(f);
            assertEquals(f, FilterJson.read(JSON, json), json);
            assertEquals(json, FilterJson.write(FilterJson.read(JSON, json)), "writing is deterministic");
        }
    }

    @Test
    void readsBackExtremeValuesAndAwkwardStrings() {
        Filter f = Filter.builder()
                .since(0).until(Long.MAX_VALUE / 2).limit(Integer.MAX_VALUE)
                .tag('a', "30402:" + "0".repeat(64) + ":d", "\"quoted\" \\ back", "line\nbreak\ttab\u0001", "emoji 🫶", "lone \ud800 surrogate")
                .tag('Z', java.util.Set.of())
                .kinds(0, 65535)
                .search("häusliche Hilfe \u2028")
                .build();
        assertEquals(f, FilterJson.read(JSON, FilterJson.write(f)));
    }
}
