package mutual.store.sqlite;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;

/**
 * The SQL for one NIP-01 filter. It picks one access path, the most selective the filter allows
 * (ids, then authors with kinds, authors, search, a tag, kinds, and time alone), and pins it with
 * {@code INDEXED BY} so the plan cannot drift; every other condition narrows the rows it yields.
 *
 * <p>A condition SQL cannot answer exactly is left out, and the filter is then not
 * {@link #exact()}: the caller double-checks rows with {@link Filter#matches} and reads on. That
 * happens for tag values longer than {@link #TAG_VALUE_CAP} (never indexed), tag names that are
 * not ASCII letters, and lists longer than {@link #MAX_SQL_VALUES}.
 */
final class FilterSql {
    /** Tag values longer than this are not indexed. */
    static final int TAG_VALUE_CAP = 256;
    /** Lists longer than this are checked in Java rather than bound as SQL parameters. */
    static final int MAX_SQL_VALUES = 5000;
    /** Above this many (author, kind) pairs a feed is read with IN lists and one sort instead. */
    static final int MAX_ENTRIES = 2000;
    /** Sub-selects per statement, below SQLite's limit of 500 terms in a compound SELECT. */
    static final int MAX_COMPOUND = 400;
    /** The JSON's length last, so that a REQ's answer can be settled without fetching every JSON (see Reads#answerKeys). */
    private static final String ROW = "e.seq, e.created_at, e.id, e.json, e.kind, e.expiration, length(e.json)";
    /** An author's events newest first, with the kind in the index (pubkey, created_at, kind). */
    private static final String AUTHOR_INDEX = "events e INDEXED BY events_author";
    /**
     * The (pubkey, kind, d_tag) index: a replaceable or addressable kind keeps one event per
     * address, so an author's few are read here and sorted, rather than found by walking all of
     * the author's events in the author index (a profile lookup must not cost the author's history).
     */
    private static final String ADDRESS_INDEX = "events e INDEXED BY events_address";

    enum Path { IDS, AUTHORS_KINDS, AUTHORS, SEARCH, TAG, KINDS, TIME }

    /**
     * A statement and its parameters. {@code tiesInAnyOrder}: rows come newest first, but rows of
     * equal {@code created_at} in index order rather than by id, and one more than the limit
     * (see {@link #page}).
     */
    record Sql(String text, List<Object> params, boolean tiesInAnyOrder) {
        Sql(String text, List<Object> params) {
            this(text, params, false);
        }
    }

    /** How a statement orders its rows. */
    private enum Order {
        /** Newest first, then the lowest id: NIP-01's order, in full. */
        NEWEST_THEN_ID,
        /** Newest first only, as the index yields them; no sort step when the index gives the time order. */
        NEWEST,
        /** Rows of one {@code created_at}, lowest id first. */
        ID_AT_ONE_TIME
    }

    private final Path path;
    /** On the author paths: the (pubkey, kind) pairs the index is entered at; kind null = any. */
    private final List<Entry> entries = new ArrayList<>();

    /** Where an author path enters its index: a pubkey, and a kind unless any kind goes. */
    private record Entry(byte[] pubkey, Optional<Integer> kind) {}
    private final String from;
    private final String time;
    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private boolean exact = true;
    private boolean nothing;

    private FilterSql(Filter f, Viewer viewer, long now) {
        Optional<Set<EventId>> ids = f.ids().filter(FilterSql::sqlable);
        Optional<Set<PubKey>> authors = f.authors().filter(FilterSql::sqlable);
        Optional<Set<Integer>> kinds = f.kinds().filter(FilterSql::sqlable);
        exact = ids.isPresent() == f.ids().isPresent() && authors.isPresent() == f.authors().isPresent()
                && kinds.isPresent() == f.kinds().isPresent();
        SearchText search = f.search().map(SearchText::of).orElse(new SearchText.Ignore());
        if (search instanceof SearchText.NoMatch) nothing = true;
        Optional<Character> drivingTag = drivingTag(f.tags());

        if (ids.isPresent()) path = Path.IDS;
        else if (authors.isPresent() && kinds.isPresent()) path = Path.AUTHORS_KINDS;
        else if (authors.isPresent()) path = Path.AUTHORS;
        else if (search instanceof SearchText.Match) path = Path.SEARCH;
        else if (drivingTag.isPresent()) path = Path.TAG;
        else if (kinds.isPresent()) path = Path.KINDS;
        else path = Path.TIME;

        from = switch (path) {
            case IDS -> "events e INDEXED BY events_id";
            case AUTHORS_KINDS, AUTHORS -> AUTHOR_INDEX;
            case SEARCH -> "events_fts CROSS JOIN events e ON e.seq = events_fts.rowid";
            case TAG -> "tags t INDEXED BY tags_value CROSS JOIN events e ON e.seq = t.event";
            case KINDS -> "events e INDEXED BY events_kind";
            case TIME -> "events e INDEXED BY events_created";
        };
        // On the tag path the copy of created_at in the tag index gives the order.
        time = path == Path.TAG ? "t.created_at" : "e.created_at";

        ids.ifPresent(v -> in("e.id", v.stream().map(EventId::bytes).toList()));
        if (path == Path.AUTHORS || path == Path.AUTHORS_KINDS) {
            for (PubKey a : authors.get().stream().sorted().toList()) {
                if (kinds.isEmpty()) entries.add(new Entry(a.bytes(), Optional.empty()));
                else for (int k : kinds.get().stream().sorted().toList()) entries.add(new Entry(a.bytes(), Optional.of(k)));
            }
        } else {
            authors.ifPresent(v -> in("e.pubkey", v.stream().map(PubKey::bytes).toList()));
            kinds.ifPresent(v -> in("e.kind", v));
        }
        f.since().ifPresent(v -> cond(time + " >= ?", v));
        f.until().ifPresent(v -> cond(time + " <= ?", v));
        for (Map.Entry<Character, Set<String>> t : f.tags().entrySet()) {
            if (!indexable(t.getKey(), t.getValue())) {
                exact = false;
            } else if (drivingTag.isPresent() && path == Path.TAG && drivingTag.get().equals(t.getKey())) {
                cond("t.name = ?", t.getKey().toString());
                in("t.value", t.getValue());
            } else {
                and().append("EXISTS (SELECT 1 FROM tags x WHERE x.event = e.seq AND x.name = ? AND ");
                params.add(t.getKey().toString());
                inList("x.value", t.getValue());
                where.append(')');
            }
        }
        if (search instanceof SearchText.Match m) {
            if (path == Path.SEARCH) cond("events_fts MATCH ?", m.expression());
            else cond("e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", m.expression());
        }
        cond("(e.expiration IS NULL OR e.expiration > ?)", now);
        visibility(viewer);
    }

    static FilterSql of(Filter f, Viewer viewer, long now) {
        return new FilterSql(f, viewer, now);
    }

    Path path() {
        return path;
    }

    /** Whether every row SQL yields matches the filter, so no row needs checking in Java. */
    boolean exact() {
        return exact;
    }

    /** True when the filter can match nothing (a search with no findable word). */
    boolean nothing() {
        return nothing;
    }

    /**
     * Statements that together give the next {@code limit} rows (seq, created_at, id, json),
     * each statement newest first, strictly after the row at ({@code afterTime}, {@code afterId})
     * when {@code afterId} is present; the caller merges them and keeps the first {@code limit}.
     * A row may come more than once when a tag list names several of its values. A single
     * statement is {@link Sql#tiesInAnyOrder()}: it yields up to {@code limit + 1} rows, and the
     * caller puts ties in id order, completing with {@link #tieGroup} a group the limit cut.
     *
     * <p>Several authors (a follow feed) are read as one sub-select per author and kind, each
     * walking its index range newest first and stopping at the limit, rather than reading every
     * event of every author and sorting them: the cost stays near (authors x kinds x limit).
     */
    List<Sql> page(int limit, long afterTime, Optional<byte[]> afterId) {
        if (entries.size() <= 1 || entries.size() > MAX_ENTRIES) {
            // Ordering by id as well would make SQLite sort every group of equal times through a
            // temporary B-tree, copying each row's JSON: about a fifth of an author query's cost.
            // The caller orders ties itself, and the extra row tells it whether the limit cut a tie.
            return List.of(select(ROW, entries, OptionalInt.of(limit + 1), afterTime, afterId, Order.NEWEST, 0));
        }
        int perStatement = Math.max(1, Math.min(MAX_COMPOUND, 30_000 / (params.size() + 6)));
        List<Sql> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += perStatement) {
            StringBuilder sql = new StringBuilder();
            List<Object> p = new ArrayList<>();
            for (Entry entry : entries.subList(i, Math.min(entries.size(), i + perStatement))) {
                Sql one = select(ROW, List.of(entry), OptionalInt.of(limit), afterTime, afterId, Order.NEWEST_THEN_ID, 0);
                if (!sql.isEmpty()) sql.append(" UNION ALL ");
                sql.append("SELECT * FROM (").append(one.text()).append(')');
                p.addAll(one.params());
            }
            sql.append(" ORDER BY 2 DESC, 3 LIMIT ?");
            p.add(limit);
            out.add(new Sql(sql.toString(), p));
        }
        return out;
    }

    /**
     * Every row of one {@code created_at} that {@link #page} with the same cursor could yield,
     * lowest id first, at most {@code limit}: what completes a group of equal times that a page's
     * limit cut through.
     */
    Sql tieGroup(long createdAt, int limit, long afterTime, Optional<byte[]> afterId) {
        return select(ROW, entries, OptionalInt.of(limit), afterTime, afterId, Order.ID_AT_ONE_TIME, createdAt);
    }

    /**
     * One SELECT entering the index at {@code at}; ordered and limited when {@code limit} is
     * present, and only rows at {@code createdAt} when the order is {@link Order#ID_AT_ONE_TIME}.
     */
    private Sql select(String columns, List<Entry> at, OptionalInt limit, long afterTime, Optional<byte[]> afterId, Order order, long createdAt) {
        List<Object> p = new ArrayList<>();
        boolean byAddress = !at.isEmpty() && at.stream().allMatch(x -> x.kind().map(k -> KindClass.of(k).hasAddress()).orElse(false));
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(byAddress ? ADDRESS_INDEX : from).append(" WHERE ");
        // The partial index holds only rows with a d_tag; SQLite uses it only when told so.
        if (byAddress) sql.append("e.d_tag IS NOT NULL AND ");
        if (at.size() == 1) {
            sql.append("e.pubkey = ?");
            p.add(at.get(0).pubkey());
            if (at.get(0).kind().isPresent()) {
                sql.append(" AND e.kind = ?");
                p.add(at.get(0).kind().get());
            }
            sql.append(" AND ");
        } else if (!at.isEmpty()) {
            // The entries are all authors times all kinds, so IN lists select exactly them.
            List<byte[]> pubkeys = at.stream().map(Entry::pubkey).filter(distinctBytes()).toList();
            List<Integer> kinds = at.stream().flatMap(x -> x.kind().stream()).distinct().toList();
            sql.append("e.pubkey IN (").append("?,".repeat(pubkeys.size() - 1)).append("?) AND ");
            p.addAll(pubkeys);
            if (!kinds.isEmpty()) {
                sql.append("e.kind IN (").append("?,".repeat(kinds.size() - 1)).append("?) AND ");
                p.addAll(kinds);
            }
        }
        sql.append(where.isEmpty() ? "1" : where);
        p.addAll(params);
        if (afterId.isPresent()) {
            sql.append(" AND (").append(time).append(" < ? OR (").append(time).append(" = ? AND e.id > ?))");
            p.add(afterTime);
            p.add(afterTime);
            p.add(afterId.get());
        }
        if (order == Order.ID_AT_ONE_TIME) {
            sql.append(" AND ").append(time).append(" = ?");
            p.add(createdAt);
        }
        if (limit.isPresent()) {
            sql.append(switch (order) {
                case NEWEST_THEN_ID -> " ORDER BY " + time + " DESC, e.id";
                case NEWEST -> " ORDER BY " + time + " DESC";
                case ID_AT_ONE_TIME -> " ORDER BY e.id";
            }).append(" LIMIT ?");
            p.add(limit.getAsInt());
        }
        return new Sql(sql.toString(), p, limit.isPresent() && order == Order.NEWEST);
    }

    /** The rows (seq, and json when asked) the filter selects, unordered, for counting. */
    Sql rows(boolean withJson) {
        // With the JSON, repeats are dropped by the caller: DISTINCT would compare whole documents.
        return select(withJson ? "e.seq, e.json" : "DISTINCT e.seq", entries, OptionalInt.empty(), 0, Optional.empty(), Order.NEWEST_THEN_ID, 0);
    }

    private void visibility(Viewer viewer) {
        if (viewer.seesEverything()) return;
        if (viewer.authenticated().isEmpty()) {
            cond("e.kind <> 1059");
            return;
        }
        and().append("(e.kind <> 1059 OR EXISTS (SELECT 1 FROM tags g WHERE g.event = e.seq AND g.name = 'p' AND ");
        inList("g.value", viewer.authenticated().stream().map(PubKey::hex).sorted().toList());
        where.append("))");
    }

    /** The tag condition to drive by: fewest values, then the usually most selective names. */
    private static Optional<Character> drivingTag(Map<Character, Set<String>> tags) {
        String preference = "eapqdPEAQ";
        return tags.entrySet().stream()
                .filter(t -> indexable(t.getKey(), t.getValue()))
                .min(Comparator.<Map.Entry<Character, Set<String>>>comparingInt(t -> t.getValue().size())
                        .thenComparingInt(t -> {
                            int i = preference.indexOf(t.getKey());
                            return i < 0 ? preference.length() : i;
                        })
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    private static java.util.function.Predicate<byte[]> distinctBytes() {
        Set<String> seen = new java.util.HashSet<>();
        return b -> seen.add(java.util.HexFormat.of().formatHex(b));
    }

    static boolean indexable(char name, Set<String> values) {
        boolean letter = (name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z');
        return letter && sqlable(values) && values.stream().allMatch(v -> v.length() <= TAG_VALUE_CAP);
    }

    private static boolean sqlable(Collection<?> values) {
        return values.size() <= MAX_SQL_VALUES;
    }

    private StringBuilder and() {
        if (!where.isEmpty()) where.append(" AND ");
        return where;
    }

    private void cond(String sql, Object... values) {
        and().append(sql);
        params.addAll(List.of(values));
    }

    private void in(String column, Collection<?> values) {
        and();
        inList(column, values);
    }

    private void inList(String column, Collection<?> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("an empty list matches nothing; the caller skips such filters");
        where.append(column).append(values.size() == 1 ? " = ?" : " IN (" + "?,".repeat(values.size() - 1) + "?)");
        params.addAll(values);
    }
}
