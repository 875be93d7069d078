package mutual.store.contract;

import static mutual.store.contract.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.EventStore;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NIP-50 search over content with FTS5, with user text never reaching FTS5's query syntax. */
class SearchTest extends StoreContract {
    final Fixture fx = new Fixture(6);
    final SecretKey alice = fx.key();
    final Event bike = event(alice, 30402, NOW - 30, "Lending my cargo bike on weekends", tag("d", "bike"), tag("t", "transport"));
    final Event soup = event(alice, 1, NOW - 20, "Soup kitchen needs a bike courier near the café");
    final Event quotes = event(alice, 1, NOW - 10, "she said \"NEAR(\" and * AND OR NOT: col:x");
    final Event wrap = event(alice, 1059, NOW - 5, "bike bike bike", tag("p", alice.publicKey().hex()));

    List<Event> search(EventStore s, String q) {
        return s.query(List.of(filter().search(q).build()), Viewer.node(), 100);
    }

    @Test
    void findsEventsHavingEveryWordNewestFirst() {
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup, quotes, wrap));
            assertEquals(List.of(soup, bike), search(s, "bike"));
            assertEquals(List.of(soup, bike), search(s, "BIKE"));
            assertEquals(List.of(bike), search(s, "cargo bike"));
            assertEquals(List.of(soup), search(s, "cafe"));
            assertEquals(List.of(), search(s, "bicycle"));
            assertEquals(List.of(bike), s.query(List.of(filter().search("bike").kinds(30402).build()), Viewer.node(), 10));
            assertEquals(List.of(bike), s.query(List.of(filter().search("bike").tag('t', "transport").build()), Viewer.node(), 10));
            assertEquals(List.of(soup), s.query(List.of(filter().search("bike").authors(alice.publicKey()).kinds(1).build()), Viewer.node(), 10));
            assertEquals(2, s.count(List.of(filter().search("bike").build()), Viewer.node()));
        }
    }

    @Test
    void ignoresExtensionsAndSearchesTheRemainingWords() {
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup));
            assertEquals(List.of(soup, bike), search(s, "include:spam bike"));
            assertEquals(List.of(soup, bike), search(s, "include:spam"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"\"", "*", "NEAR(", "NEAR(bike", "bike*", "-bike", "bike OR soup", "AND", "content:bike",
            "(", ")", "^", "{content}: bike", "'", "'; DROP TABLE events; --", "\u0000", "bike\"\"soup", "NOT"})
    void hostileSearchStringsNeverFailAndMatchOnlyAsPlainWords(String q) {
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup, quotes));
            List<Event> got = search(s, q);
            assertTrue(List.of(quotes, soup, bike).containsAll(got), q + " found " + got);
            assertEquals(got.size(), s.count(List.of(filter().search(q).build()), Viewer.node()));
            assertEquals(3, s.size());
        }
    }

    @Test
    void wordsWithOperatorsAreSearchedLiterally() {
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup, quotes));
            assertEquals(List.of(quotes, soup), search(s, "NEAR("));
            assertEquals(List.of(quotes), search(s, "NEAR( col:x said"));
            assertEquals(List.of(quotes), search(s, "AND OR NOT"));
            assertEquals(List.of(), search(s, "bike OR soup"));
        }
    }

    @Test
    void aWordOfSeveralTokensIsSearchedAsAPhrase() {
        Event dont = event(alice, 1, NOW - 3, "Don't panic: tool-library opens at 9");
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup, dont));
            assertEquals(List.of(dont), search(s, "don't"));
            assertEquals(List.of(dont), search(s, "tool-library"));
            assertEquals(List.of(), search(s, "library-tool"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void emptySearchIsIgnored(String q) {
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup));
            assertEquals(List.of(soup, bike), search(s, q));
        }
    }

    @Test
    void punctuationOnlySearchMatchesNothing() {
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup, quotes));
            assertEquals(List.of(), search(s, "\" * ("));
            assertEquals(0, s.count(List.of(filter().search("\" * (").build()), Viewer.node()));
        }
    }

    @Test
    void searchIndexFollowsDeletions() {
        Event del = event(alice, 5, NOW - 1, "", tag("e", soup.id().hex()));
        try (EventStore s = store(dir)) {
            s.write(List.of(bike, soup, del));
            assertEquals(List.of(bike), search(s, "bike"));
            assertEquals(java.util.Optional.empty(), s.integrityProblem());
        }
    }
}
