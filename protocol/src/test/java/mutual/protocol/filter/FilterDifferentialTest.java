package mutual.protocol.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Signature;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.Test;

/** {@link Filter#matches} against the naive reading of NIP-01 in {@link NaiveMatcher}, on seeded random events and filters. */
class FilterDifferentialTest {
    private static final int EVENTS = 3000, FILTERS = 600;

    @Test
    void agreesWithTheNaiveMatcherOnRandomEventsAndFilters() {
        RandomNostr gen = new RandomNostr(new Random(20240601));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) events.add(gen.event());
        long hits = 0, tagHits = 0, boundaryHits = 0;
        for (int i = 0; i < FILTERS; i++) {
            Filter f = gen.filter();
            for (Event e : events) {
                boolean expected = NaiveMatcher.matches(f, e);
                if (f.matches(e) != expected) fail("disagree (naive says " + expected + ")\nfilter " + FilterJson.write(f) + "\nevent  " + e.toJson());
                if (expected) {
                    hits++;
                    if (!f.tags().isEmpty()) tagHits++;
                    if (f.since().orElse(-1) == e.createdAt() || f.until().orElse(-1) == e.createdAt()) boundaryHits++;
                }
                if (expected && f.isEmptyByConstruction()) fail("a filter that is empty by construction matched " + FilterJson.write(f));
            }
        }
        long total = (long) EVENTS * FILTERS;
        // The comparison only means something if both answers are common and the tricky cases occur.
        assertTrue(hits > total / 50 && hits < total - total / 50, "matches: " + hits + " of " + total);
        assertTrue(tagHits > 1000, "tag-filter matches: " + tagHits);
        assertTrue(boundaryHits > 1000, "since/until boundary matches: " + boundaryHits);
    }

    @Test
    void agreesOnRequestsWithSeveralFilters() {
        RandomNostr gen = new RandomNostr(new Random(7));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) events.add(gen.event());
        for (int i = 0; i < 300; i++) {
            List<Filter> filters = List.of(gen.filter(), gen.filter(), gen.filter());
            for (Event e : events) {
                boolean fast = filters.stream().anyMatch(f -> f.matches(e));
                assertEquals(NaiveMatcher.matchesAny(filters, e), fast);
            }
        }
    }

    @Test
    void includesBothEndsOfTheTimeWindow() {
        Event e = event(1000, Tag.of("t", "x"));
        assertTrue(Filter.builder().since(1000).until(1000).build().matches(e));
        assertFalse(Filter.builder().since(1001).build().matches(e));
        assertFalse(Filter.builder().until(999).build().matches(e));
        assertTrue(NaiveMatcher.matches(Filter.builder().since(1000).until(1000).build(), e));
    }

    @Test
    void matchesNothingWithAnEmptyList() {
        Event e = event(1000, Tag.of("t", "x"));
        assertFalse(Filter.builder().kinds(java.util.Set.of()).build().matches(e));
        assertFalse(Filter.builder().tag('t', java.util.Set.of()).build().matches(e));
        assertFalse(NaiveMatcher.matches(Filter.builder().authors(java.util.Set.of()).build(), e));
        assertTrue(Filter.builder().build().matches(e), "an empty filter matches everything");
    }

    @Test
    void matchesTagsOnlyByTheirFirstValueAndExactLetter() {
        Event e = event(1000, Tag.of("t", "first", "second"), Tag.of("p"), Tag.of("T", "upper"));
        assertTrue(Filter.builder().tag('t', "first").build().matches(e));
        assertFalse(Filter.builder().tag('t', "second").build().matches(e));
        assertFalse(Filter.builder().tag('p', "").build().matches(e), "a tag with only a name has no value");
        assertFalse(Filter.builder().tag('t', "upper").build().matches(e));
        assertTrue(Filter.builder().tag('T', "upper").build().matches(e));
        assertFalse(NaiveMatcher.matches(Filter.builder().tag('t', "second").build(), e));
    }

    @Test
    void selectsNewestFirstWithLowestIdBreakingTiesAndLimitPerFilter() {
        Event a = event(1000, idOf(3)), b = event(1001, idOf(2)), c = event(1001, idOf(1));
        List<Event> all = List.of(a, b, c);
        assertEquals(List.of(c, b, a), NaiveMatcher.select(all, List.of(Filter.builder().build())));
        assertEquals(List.of(c, a), NaiveMatcher.select(all, List.of(Filter.builder().limit(1).build(), Filter.builder().until(1000).build())));
    }

    private static Event event(long createdAt, Tag... tags) {
        return event(createdAt, idOf(0), tags);
    }

    private static Event event(long createdAt, EventId id, Tag... tags) {
        return new Event(id, PubKey.of(new byte[32]), createdAt, 1, List.of(tags), "", Signature.of(new byte[64]));
    }

    private static EventId idOf(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        return EventId.of(b);
    }
}
