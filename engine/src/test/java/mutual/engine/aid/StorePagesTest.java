package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePagesTest {
    @TempDir
    Path dir;

    @Test
    void visitsEveryEventOfTheKindOnceEvenWhenThousandsShareASecond() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            SecretKey k = Keys.key(3);
            List<Event> listings = new ArrayList<>();
            for (int i = 0; i < 1200; i++) listings.add(Keys.event(k, 30402, 1_000_000, "same second " + i, Tag.of("d", "s" + i)));
            for (int i = 0; i < 1700; i++) listings.add(Keys.event(k, 30402, 1_000_000 + 1 + i / 3, "spread " + i, Tag.of("d", "p" + i)));
            List<Event> others = List.of(Keys.note(k, 1_000_000, "not a listing"));
            for (int i = 0; i < listings.size(); i += 500) store.write(listings.subList(i, Math.min(listings.size(), i + 500)));
            store.write(others);

            Map<EventId, Integer> seen = new HashMap<>();
            StorePages.forEach(store, 30402, e -> seen.merge(e.id(), 1, Integer::sum));

            assertEquals(listings.size(), seen.size());
            for (Event e : listings) assertEquals(1, seen.get(e.id()), "visited once: " + e.content());
        }
    }
}
