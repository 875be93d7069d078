package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;
import mutual.store.EventStore;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;

/**
 * Random regular events and random filters (seeded): the store's answers must equal a naive
 * reference that applies {@link Filter#matches}, gift-wrap visibility, newest-first order and
 * each filter's limit to the whole list in memory.
 */
class DifferentialTest extends StoreContract {

    static final int EVENTS = 1500;
    static final int QUERIES = 400;
    static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "x", "y", "food", "tools"};

    /** Every page of {@code a}, each at most {@code pageBytes} (or one event), decoded; the ids match the events. */
    static List<Event> paged(mutual.store.Answer a, long pageBytes) {
        List<EventId> ids = a.ids();
        List<Event> all = new ArrayList<>();
        for (List<mutual.store.StoredEvent> page = a.next(pageBytes); !page.isEmpty(); page = a.next(pageBytes)) {
            long bytes = page.stream().mapToLong(e -> e.json().length).sum();
            assertTrue(page.size() == 1 || bytes <= pageBytes, "a page of " + bytes + " bytes for pages of " + pageBytes);
            page.forEach(e -> all.add(e.event()));
        }
        assertEquals(ids, all.stream().map(Event::id).toList());
        return all;
    }

    @Test
    void queriesAndCountsAgreeWithANaiveReference() {
        Random r = new Random(20261125L);
        Fixture fx = new Fixture(10);
        List<SecretKey> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) keys.add(fx.key());
        int[] kinds = {1, 7, 1059, 30402, 4, 1111};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            SecretKey k = keys.get(r.nextInt(keys.size()));
            int kind = kinds[r.nextInt(kinds.length)];
            EventBuilder b = EventBuilder.create(kind == 30402 ? 1 : kind, NOW - 1 - r.nextInt(200)).content("e" + i);
            int tags = r.nextInt(4);
            for (int t = 0; t < tags; t++) {
                switch (r.nextInt(5)) {
                    case 0 -> b.tag("p", keys.get(r.nextInt(keys.size())).publicKey().hex());
                    case 1 -> b.tag("e", events.isEmpty() ? "00".repeat(32) : events.get(r.nextInt(events.size())).id().hex());
                    case 2 -> b.tag("t", WORDS[r.nextInt(WORDS.length)]);
                    case 3 -> b.tag("t", "long-" + "z".repeat(256) + r.nextInt(3));
                    default -> b.tag("T", WORDS[r.nextInt(3)]);
                }
            }
            if (r.nextInt(20) == 0) b.tag("expiration", String.valueOf(NOW - 5 + r.nextInt(10)));
            events.add(b.sign(k));
        }
        try (EventStore s = store(dir)) {
            for (int i = 0; i < events.size(); i += 100) s.write(events.subList(i, Math.min(events.size(), i + 100)));
            assertEquals(EVENTS, s.size());
            int nonEmpty = 0;
            for (int q = 0; q < QUERIES; q++) {
                List<Filter> filters = new ArrayList<>();
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) filters.add(randomFilter(r, keys, events));
                Viewer viewer = switch (r.nextInt(3)) {
                    case 0 -> Viewer.anonymous();
                    case 1 -> Viewer.of(Set.of(keys.get(r.nextInt(keys.size())).publicKey()));
                    default -> Viewer.node();
                };
                int maxLimit = 1 + r.nextInt(150);
                List<Event> expected = naive(events, filters, viewer, maxLimit);
                assertEquals(expected, s.query(filters, viewer, maxLimit), "query " + q + " " + filters + " " + viewer);
                assertEquals(expected, paged(answer(s, filters, viewer, maxLimit, r), 1 + r.nextInt(3000)),
                        "answer read a page at a time " + q + " " + filters + " " + viewer);
                nonEmpty += expected.isEmpty() ? 0 : 1;
                assertEquals(naive(events, filters, viewer, Integer.MAX_VALUE, true).size(), s.count(filters, viewer), "count " + q + " " + filters);
            }
        }
    }

    static Filter randomFilter(Random r, List<SecretKey> keys, List<Event> events) {
        FilterBuilder b = Filter.builder();
        if (r.nextInt(8) == 0) {
            Set<EventId> ids = new LinkedHashSet<>();
            for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) ids.add(events.get(r.nextInt(events.size())).id());
            b.ids(ids);
        }
        if (r.nextInt(3) == 0) {
            Set<PubKey> authors = new LinkedHashSet<>();
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) authors.add(keys.get(r.nextInt(keys.size())).publicKey());
            b.authors(authors);
        }
        if (r.nextInt(2) == 0) {
            Set<Integer> kinds = new LinkedHashSet<>();
            for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) kinds.add(new int[] {1, 7, 1059, 4, 1111, 0}[r.nextInt(6)]);
            b.kinds(kinds);
        }
        if (r.nextInt(3) == 0) {
            Set<String> v = new LinkedHashSet<>();
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++)
                v.add(r.nextInt(5) == 0 ? "long-" + "z".repeat(256) + r.nextInt(3) : WORDS[r.nextInt(WORDS.length)]);
            b.tag('t', v);
        }
        if (r.nextInt(4) == 0) b.tag('p', keys.get(r.nextInt(keys.size())).publicKey().hex());
        if (r.nextInt(8) == 0) b.tag('e', events.get(r.nextInt(events.size())).id().hex());
        if (r.nextInt(8) == 0) b.tag('T', WORDS[r.nextInt(3)]);
        if (r.nextInt(3) == 0) b.since(NOW - 1 - r.nextInt(200));
        if (r.nextInt(3) == 0) b.until(NOW - 1 - r.nextInt(200));
        if (r.nextInt(2) == 0) b.limit(r.nextInt(60));
        return b.build();
    }

    static List<Event> naive(List<Event> events, List<Filter> filters, Viewer viewer, int maxLimit) {
        return naive(events, filters, viewer, maxLimit, false);
    }

    /** The reference: every event checked against every filter; no index, no SQL. */
    static List<Event> naive(List<Event> events, List<Filter> filters, Viewer viewer, int maxLimit, boolean ignoreLimits) {
        Comparator<Event> newestFirst = Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id);
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(newestFirst);
        Map<EventId, Event> out = new HashMap<>();
        for (Filter f : filters) {
            int limit = ignoreLimits ? Integer.MAX_VALUE : Math.min(f.limit().orElse(maxLimit), maxLimit);
            int taken = 0;
            for (Event e : sorted) {
                if (taken >= limit) break;
                if (!f.matches(e) || !mayRead(e, viewer) || expired(e)) continue;
                out.put(e.id(), e);
                taken++;
            }
        }
        List<Event> list = new ArrayList<>(out.values());
        list.sort(newestFirst);
        return list;
    }

    static boolean mayRead(Event e, Viewer v) {
        if (e.kind() != 1059 || v.seesEverything()) return true;
        return e.tags().stream().anyMatch(t -> t.name().equals("p") && t.size() > 1
                && v.authenticated().stream().anyMatch(k -> k.hex().equals(t.values().get(1))));
    }

    static boolean expired(Event e) {
        return e.tags().stream().anyMatch(t -> t.name().equals("expiration") && t.size() > 1 && Long.parseLong(t.values().get(1)) <= NOW);
    }
}
