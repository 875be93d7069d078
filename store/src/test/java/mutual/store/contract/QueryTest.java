package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;

/** NIP-01 REQ and NIP-45 COUNT semantics: limits, order, several filters, tag values too long to index. */
class QueryTest extends StoreContract {
    final Fixture fx = new Fixture(8);
    final SecretKey alice = fx.key();
    final SecretKey bob = fx.key();

    @Test
    void ordersNewestFirstThenByLowestIdAndAppliesTheLimit() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) events.add(event(alice, 1, NOW - 100 + i / 4, "n" + i));
        List<Event> expected = new ArrayList<>(events);
        expected.sort(java.util.Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id));
        try (EventStore s = store(dir)) {
            s.write(events);
            assertEquals(expected, s.query(List.of(filter().build()), Viewer.anonymous(), 100));
            assertEquals(expected.subList(0, 7), s.query(List.of(filter().limit(7).build()), Viewer.anonymous(), 100));
            assertEquals(expected.subList(0, 5), s.query(List.of(filter().limit(7).build()), Viewer.anonymous(), 5));
            assertEquals(expected.subList(0, 3), s.query(List.of(filter().kinds(1).build()), Viewer.anonymous(), 3));
            assertEquals(List.of(), s.query(List.of(filter().limit(0).build()), Viewer.anonymous(), 100));
            assertEquals(20, s.count(List.of(filter().limit(1).build()), Viewer.anonymous()));
        }
    }

    @Test
    void severalFiltersAreMergedWithoutDuplicatesEachWithItsOwnLimit() {
        Event a1 = event(alice, 1, NOW - 50, "a1", tag("t", "food"));
        Event a2 = event(alice, 1, NOW - 40, "a2");
        Event b1 = event(bob, 1, NOW - 45, "b1", tag("t", "food"));
        Event b2 = event(bob, 7, NOW - 30, "+", tag("t", "food"));
        try (EventStore s = store(dir)) {
            s.write(List.of(a1, a2, b1, b2));
            List<Filter> fs = List.of(filter().authors(alice.publicKey()).limit(1).build(), filter().tag('t', "food").build());
            assertEquals(List.of(b2, a2, b1, a1), s.query(fs, Viewer.anonymous(), 10));
            assertEquals(4, s.count(fs, Viewer.anonymous()));
            List<Filter> overlapping = List.of(filter().kinds(1).build(), filter().authors(bob.publicKey()).build());
            assertEquals(List.of(b2, a2, b1, a1), s.query(overlapping, Viewer.anonymous(), 10));
            assertEquals(4, s.count(overlapping, Viewer.anonymous()));
            assertEquals(List.of(), s.query(List.of(filter().kinds().build(), filter().since(NOW).until(NOW - 1).build()), Viewer.anonymous(), 10));
        }
    }

    @Test
    void eventCarryingSeveralOfTheAskedTagValuesComesOnce() {
        Event both = event(alice, 1, NOW - 10, "both", tag("t", "x"), tag("t", "y"), tag("t", "x"));
        Event one = event(alice, 1, NOW - 20, "one", tag("t", "y"));
        try (EventStore s = store(dir)) {
            s.write(List.of(both, one));
            Filter f = filter().tag('t', "x", "y").build();
            assertEquals(List.of(both, one), s.query(List.of(f), Viewer.anonymous(), 10));
            assertEquals(List.of(both), s.query(List.of(filter().tag('t', "x", "y").limit(1).build()), Viewer.anonymous(), 10));
            assertEquals(2, s.count(List.of(f), Viewer.anonymous()));
        }
    }

    @Test
    void conditionsCombineWithAnd() {
        Event a = event(alice, 1, NOW - 10, "a", tag("t", "x"), tag("p", bob.publicKey().hex()));
        Event b = event(alice, 1, NOW - 20, "b", tag("t", "x"));
        Event c = event(bob, 1, NOW - 30, "c", tag("t", "x"), tag("p", bob.publicKey().hex()));
        try (EventStore s = store(dir)) {
            s.write(List.of(a, b, c));
            assertEquals(List.of(a), s.query(List.of(filter().tag('t', "x").tag('p', bob.publicKey().hex()).authors(alice.publicKey()).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(a, c), s.query(List.of(filter().tag('t', "x").tag('p', bob.publicKey().hex()).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(b), s.query(List.of(filter().tag('t', "x").since(NOW - 25).until(NOW - 15).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(c), s.query(List.of(filter().ids(a.id(), c.id()).kinds(1).authors(bob.publicKey()).build()), Viewer.anonymous(), 10));
        }
    }

    @Test
    void tagValuesLongerThanTheIndexCapAreStillFoundByCheckingEvents() {
        String longValue = "L".repeat(256 + 1);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) events.add(event(alice, 1, NOW - 1000 + i, "filler " + i, tag("r", "short")));
        Event hit = event(alice, 1, NOW - 2000, "long", tag("r", longValue));
        Event capped = event(alice, 1, NOW - 3000, "at cap", tag("r", "C".repeat(256)));
        events.add(hit);
        events.add(capped);
        try (EventStore s = store(dir)) {
            s.write(events);
            Filter f = filter().tag('r', longValue).build();
            // SQLite answers this filter inexactly (QueryPlanTest), PostgreSQL exactly: either way, the same events.
            assertEquals(List.of(hit), s.query(List.of(f), Viewer.anonymous(), 10));
            assertEquals(1, s.count(List.of(f), Viewer.anonymous()));
            assertEquals(1, s.count(List.of(f, filter().tag('r', "nothing").build()), Viewer.anonymous()));
            assertEquals(List.of(capped), s.query(List.of(filter().tag('r', "C".repeat(256)).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(hit), s.query(List.of(filter().tag('r', longValue, "short").until(NOW - 1500).build()), Viewer.anonymous(), 10));
        }
    }

    /**
     * Strings JSON allows that a database's text may not hold as they are: a NUL character, a lone
     * surrogate, and a value of more than 256 characters outside the Basic Multilingual Plane
     * (over the index's cap in characters, and twice that in UTF-16 units). Each event is stored
     * whole, found by its tags and its words, and comes back equal.
     */
    @Test
    void unusualCharactersAreStoredAndFound() {
        String nul = "soup\u0000bowl", lone = "pan \uDC00", astral = "\uD83C\uDF31".repeat(300);
        Event withNul = event(alice, 1, NOW - 30, "a NUL\u0000in the words", tag("t", nul));
        Event withLone = event(alice, 1, NOW - 20, "lone \uD800 surrogate", tag("t", lone));
        Event seedlings = event(alice, 1, NOW - 10, "seedlings", tag("t", astral), tag("t", "\uD83C\uDF31".repeat(10)));
        try (EventStore s = store(dir)) {
            assertEquals(List.of(STORED, STORED, STORED), s.write(List.of(withNul, withLone, seedlings)));
            assertEquals(List.of(seedlings, withLone, withNul), s.query(List.of(filter().build()), Viewer.anonymous(), 10));
            assertEquals(List.of(withNul), s.query(List.of(filter().tag('t', nul).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(withLone), s.query(List.of(filter().tag('t', lone).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(seedlings), s.query(List.of(filter().tag('t', astral).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(seedlings), s.query(List.of(filter().tag('t', astral, nul + "x").build()), Viewer.anonymous(), 10));
            assertEquals(List.of(), s.query(List.of(filter().tag('t', astral.substring(2)).build()), Viewer.anonymous(), 10));
            assertEquals(List.of(withNul), s.query(List.of(filter().search("words").build()), Viewer.node(), 10));
            assertEquals(List.of(), s.query(List.of(filter().search("soup\u0000").build()), Viewer.node(), 10));
            assertEquals(withNul, s.get(withNul.id()).orElseThrow().event());
        }
    }

    @Test
    void feedsOfManyAuthorsAreMergedInOrderWhateverTheirNumber() {
        java.util.Random r = new java.util.Random(5);
        List<SecretKey> real = new ArrayList<>();
        for (int i = 0; i < 4; i++) real.add(fx.key());
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) events.add(event(real.get(i % 4), i % 3 == 0 ? 7 : 1, NOW - 500 + r.nextInt(100), "n" + i));
        java.util.Comparator<Event> order = java.util.Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id);
        try (EventStore s = store(dir)) {
            s.write(events);
            // 3 pairs: one sub-select each; 450: two statements merged; 2100: IN lists and one sort.
            for (int strangers : new int[] {0, 446, 2096}) {
                java.util.Set<mutual.protocol.crypto.PubKey> authors = new java.util.LinkedHashSet<>();
                for (SecretKey k : real.subList(0, 3)) authors.add(k.publicKey());
                for (int i = 0; i < strangers; i++) {
                    byte[] b = new byte[32];
                    r.nextBytes(b);
                    authors.add(mutual.protocol.crypto.PubKey.of(b));
                }
                Filter f = filter().authors(authors).kinds(1).limit(40).build();
                List<Event> expected = events.stream().filter(f::matches).sorted(order).limit(40).toList();
                assertEquals(40, expected.size());
                assertEquals(expected, s.query(List.of(f), Viewer.anonymous(), 100), strangers + " strangers");
                Filter anyKind = filter().authors(authors).since(NOW - 450).build();
                assertEquals(events.stream().filter(anyKind::matches).sorted(order).toList(), s.query(List.of(anyKind), Viewer.anonymous(), 500));
                assertEquals(events.stream().filter(anyKind::matches).count(), s.count(List.of(anyKind), Viewer.anonymous()));
            }
        }
    }

    @Test
    void onlySingleLetterTagsAreSelectable() {
        Event e = event(alice, 1, NOW - 10, "x", tag("title", "hello"), tag("t"), tag("T", "upper"));
        try (EventStore s = store(dir)) {
            s.write(List.of(e));
            assertEquals(List.of(e), s.query(List.of(filter().tag('T', "upper").build()), Viewer.anonymous(), 10));
            assertEquals(List.of(), s.query(List.of(filter().tag('t', "upper").build()), Viewer.anonymous(), 10));
            assertEquals(List.of(), s.query(List.of(filter().tag('t', "").build()), Viewer.anonymous(), 10));
        }
    }
}
