package mutual.store.sqlite;

import static mutual.store.sqlite.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typical filters are answered from an index, never by reading the whole events table. */
class QueryPlanTest {
    @TempDir Path dir;
    final Fixture fx = new Fixture(9);
    final SecretKey alice = fx.key();
    final SecretKey bob = fx.key();

    /** A plan line that reads a whole table without an index: "SCAN e" or "SCAN t", nothing after. */
    static final Pattern FULL_SCAN = Pattern.compile("^SCAN \\w+$");

    record Case(String name, Filter filter, String expectedIndex) {}

    @Test
    void aTagValueLongerThanTheIndexCapIsCheckedOnTheEventsRatherThanInSql() {
        // The contract (QueryTest) holds that such filters still find their events.
        Filter f = filter().tag('r', "L".repeat(FilterSql.TAG_VALUE_CAP + 1)).build();
        assertFalse(FilterSql.of(f, Viewer.anonymous(), NOW).exact());
        assertTrue(FilterSql.of(filter().tag('r', "L".repeat(FilterSql.TAG_VALUE_CAP)).build(), Viewer.anonymous(), NOW).exact());
    }

    @Test
    void typicalFiltersUseTheIndexOfTheirAccessPath() {
        String p = bob.publicKey().hex();
        // More follows than FilterSql.MAX_ENTRIES: read with IN lists rather than one sub-select each.
        Set<PubKey> follows = java.util.stream.IntStream.rangeClosed(0, FilterSql.MAX_ENTRIES)
                .mapToObj(i -> fx.key().publicKey()).collect(java.util.stream.Collectors.toSet());
        List<Case> cases = List.of(
                new Case("ids", filter().ids(event(alice, 1, 1, "x").id()).build(), "events_id"),
                new Case("author", filter().authors(alice.publicKey()).limit(20).build(), "events_author"),
                new Case("author and kind", filter().authors(alice.publicKey()).kinds(1).limit(20).build(), "events_author"),
                new Case("authors and kinds", filter().authors(alice.publicKey(), bob.publicKey()).kinds(1, 7).build(), "events_author"),
                new Case("profiles", filter().authors(alice.publicKey(), bob.publicKey()).kinds(0, 3).build(), "events_address"),
                new Case("many profiles", filter().authors(follows).kinds(0).build(), "events_address"),
                new Case("many feeds", filter().authors(follows).kinds(1).limit(50).build(), "events_author"),
                new Case("listings", filter().authors(alice.publicKey()).kinds(30402).limit(10).build(), "events_address"),
                new Case("kinds", filter().kinds(1).since(NOW - 3600).build(), "events_kind"),
                new Case("one tag value", filter().tag('e', "ab".repeat(32)).limit(50).build(), "tags_value"),
                new Case("tag and kind", filter().kinds(1059).tag('p', p).build(), "tags_value"),
                new Case("several tags", filter().tag('t', "food", "tools").tag('g', "u0").build(), "tags_value"),
                new Case("time only", filter().since(NOW - 60).build(), "events_created"),
                new Case("nothing", filter().limit(100).build(), "events_created"),
                new Case("search", filter().search("bike").build(), "events_fts"),
                new Case("search and author", filter().search("bike").authors(alice.publicKey()).build(), "events_author"));
        try (SqliteStore s = store(dir)) {
            s.write(List.of(event(alice, 1, NOW - 10, "seed", tag("t", "food"))));
            for (Viewer v : List.of(Viewer.anonymous(), Viewer.of(Set.of(bob.publicKey())), Viewer.node())) {
                for (Case c : cases) {
                    List<String> plan = s.explain(c.filter(), v, 100);
                    String text = String.join("\n", plan);
                    if (System.getProperty("mutual.showPlans") != null) System.out.println(c.name() + ":\n" + text);
                    assertTrue(plan.stream().noneMatch(l -> FULL_SCAN.matcher(l).matches()), c.name() + " scans a table:\n" + text);
                    assertTrue(text.contains(c.expectedIndex()), c.name() + " does not use " + c.expectedIndex() + ":\n" + text);
                }
            }
        }
    }
}
