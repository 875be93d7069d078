package mutual.store.sqlite;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;

/** Seeded keys, signed events and a store on a real file with a fixed clock, for the store's tests. */
final class Fixture {
    /** "Now" for every test store: events are created before it. */
    static final long NOW = 1_700_000_000L;

    private final Random random;

    Fixture(long seed) {
        this.random = new Random(seed);
    }

    SecretKey key() {
        return SecretKey.generate(random);
    }

    static SqliteStore store(Path dir) {
        return SqliteStore.builder(dir).readers(2).cacheKiB(4096, 2048).clock(InstantSource.fixed(Instant.ofEpochSecond(NOW))).open();
    }

    static Event event(SecretKey key, int kind, long createdAt, String content, String[]... tags) {
        EventBuilder b = EventBuilder.create(kind, createdAt).content(content);
        for (String[] t : tags) b.tag(t);
        return b.sign(key);
    }

    static String[] tag(String... values) {
        return values;
    }

    static FilterBuilder filter() {
        return Filter.builder();
    }

    static List<Event> all(SqliteStore s) {
        return s.query(List.of(Filter.builder().build()), Viewer.node(), 100_000);
    }

    static WriteOutcome write(SqliteStore s, Event e) {
        return s.write(List.of(e)).get(0);
    }

    static final WriteOutcome STORED = new WriteOutcome.Stored(0);
    static final WriteOutcome DUPLICATE = new WriteOutcome.Duplicate();
    static final WriteOutcome SUPERSEDED = new WriteOutcome.Superseded();
}
