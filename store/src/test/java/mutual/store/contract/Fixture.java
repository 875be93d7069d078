package mutual.store.contract;

import java.util.List;
import java.util.Random;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;
import mutual.store.EventStore;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;

/** Seeded keys and signed events for the store's tests; {@link StoreContract#store} opens a store with a fixed clock. */
public class Fixture {
    /** "Now" for every test store: events are created before it. */
    public static final long NOW = 1_700_000_000L;

    private final Random random;

    public Fixture(long seed) {
        this.random = new Random(seed);
    }

    public SecretKey key() {
        return SecretKey.generate(random);
    }

    public static Event event(SecretKey key, int kind, long createdAt, String content, String[]... tags) {
        EventBuilder b = EventBuilder.create(kind, createdAt).content(content);
        for (String[] t : tags) b.tag(t);
        return b.sign(key);
    }

    public static String[] tag(String... values) {
        return values;
    }

    public static FilterBuilder filter() {
        return Filter.builder();
    }

    public static List<Event> all(EventStore s) {
        return s.query(List.of(Filter.builder().build()), Viewer.node(), 100_000);
    }

    public static WriteOutcome write(EventStore s, Event e) {
        return s.write(List.of(e)).get(0);
    }

    public static final WriteOutcome STORED = new WriteOutcome.Stored(0);
    public static final WriteOutcome DUPLICATE = new WriteOutcome.Duplicate();
    public static final WriteOutcome SUPERSEDED = new WriteOutcome.Superseded();
}
