package mutual.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.KeyVisitor;
import mutual.store.StoredEvent;
import mutual.store.Viewer;

/**
 * Queries on one borrowed read connection: REQ (NIP-01), COUNT (NIP-45), get by id and the
 * ordered scan. Where {@link FilterSql#exact()} says the SQL answers a filter in full (expiry and
 * gift-wrap visibility included), rows go out undecoded: a REQ sends the stored bytes without
 * parsing them (the differential tests hold the SQL to the reference matcher). Other rows are
 * decoded and checked again with {@link Filter#matches}, visibility and expiry.
 */
final class Reads {
    /** NIP-01 order of answers: newest {@code created_at} first, then the lowest id. */
    static final Comparator<StoredEvent> NEWEST_FIRST = Comparator
            .comparingLong(StoredEvent::createdAt).reversed()
            .thenComparing(StoredEvent::id);

    /** At most this much room is made up front in the maps of an answer, so typical limits fit without rehashing. */
    private static final int EXPECTED = 512;

    private final ReaderPool.Reader r;
    private final Viewer viewer;
    private final long now;

    Reads(ReaderPool.Reader r, Viewer viewer, long now) {
        this.r = r;
        this.viewer = viewer;
        this.now = now;
    }

    List<StoredEvent> query(List<Filter> filters, int maxLimit) throws SQLException {
        // One filter's matches arrive in answer order, so they keep it; several are merged and sorted.
        boolean one = filters.size() == 1;
        int expected = (int) Math.min(EXPECTED, filters.stream().mapToLong(f -> f.limit().orElse(maxLimit)).sum());
        Map<Long, StoredEvent> found = one ? LinkedHashMap.newLinkedHashMap(expected) : HashMap.newHashMap(expected);
        for (Filter f : filters) {
            int limit = Math.min(f.limit().orElse(maxLimit), maxLimit);
            if (limit <= 0 || f.isEmptyByConstruction()) continue;
            FilterSql sql = FilterSql.of(f, viewer, now);
            if (!sql.nothing()) collect(f, sql, limit, found);
        }
        List<StoredEvent> out = new ArrayList<>(found.values());
        if (!one) out.sort(NEWEST_FIRST);
        return out;
    }

    /** Adds up to {@code limit} matches of one filter to {@code found}, reading page after page. */
    private void collect(Filter f, FilterSql sql, int limit, Map<Long, StoredEvent> found) throws SQLException {
        Set<Long> mine = HashSet.newHashSet(Math.min(limit, EXPECTED));
        // Exact SQL needs one page of `limit` rows; inexact SQL reads bigger pages until enough match.
        int page = sql.exact() ? limit : Math.max(limit, 256);
        walk(sql, page, ALL_JSON, row -> {
            if (mine.contains(row.seq())) return true;
            StoredEvent e = found.get(row.seq());
            if (e == null) e = sql.exact() ? Rows.undecoded(row.createdAt(), row.id(), row.kind(), row.expiration(), row.json())
                    : Rows.decode(row.json());
            if (!keeps(e, f, sql.exact())) return true;
            mine.add(row.seq());
            found.putIfAbsent(row.seq(), e);
            return mine.size() < limit;
        });
    }

    /** Rows of inexact SQL read at a time while settling an answer: each carries its JSON, up to 256 KB. */
    private static final int INEXACT_KEY_PAGE = 32;

    /**
     * A REQ's answer as rows in answer order (what {@link #query} would return), with the JSON of
     * the first {@code prefetchBytes} of it and only the length of the rest, which {@link #bodies}
     * reads later a page at a time. Gift wraps are checked again when their JSON is read.
     */
    List<Row> answerKeys(List<Filter> filters, int maxLimit, long prefetchBytes) throws SQLException {
        boolean one = filters.size() == 1;
        int expected = (int) Math.min(EXPECTED, filters.stream().mapToLong(f -> f.limit().orElse(maxLimit)).sum());
        Map<Long, Row> found = one ? LinkedHashMap.newLinkedHashMap(expected) : HashMap.newHashMap(expected);
        long[] budget = {prefetchBytes};
        for (Filter f : filters) {
            int limit = Math.min(f.limit().orElse(maxLimit), maxLimit);
            if (limit <= 0 || f.isEmptyByConstruction()) continue;
            FilterSql sql = FilterSql.of(f, viewer, now);
            if (!sql.nothing()) collectKeys(f, sql, limit, found, budget);
        }
        List<Row> out = new ArrayList<>(found.values());
        if (!one) out.sort(Row.NEWEST_FIRST);
        return out;
    }

    private void collectKeys(Filter f, FilterSql sql, int limit, Map<Long, Row> found, long[] budget) throws SQLException {
        Set<Long> mine = HashSet.newHashSet(Math.min(limit, EXPECTED));
        int page = sql.exact() ? limit : Math.min(limit, INEXACT_KEY_PAGE);
        // Inexact rows are decoded to be checked, so they all come with JSON; what is kept is trimmed after.
        walk(sql, page, sql.exact() ? budget : ALL_JSON, row -> {
            if (mine.contains(row.seq())) return true;
            Row kept = row;
            if (!sql.exact()) {
                var e = Rows.decode(row.json()).event();
                if (!f.matches(e) || !Rows.visible(e, viewer) || Rows.expired(e, now)) return true;
                if (row.size() <= budget[0]) budget[0] -= row.size();
                else kept = row.withoutJson();
            }
            mine.add(row.seq());
            found.putIfAbsent(row.seq(), kept);
            return mine.size() < limit;
        });
    }

    /**
     * The events of {@code keys}, in their order, as stored: JSON the keys carry, the rest read
     * now. An event deleted or expired since the keys were read is left out.
     */
    List<StoredEvent> bodies(List<Row> keys) throws SQLException {
        List<Long> missing = keys.stream().filter(k -> k.json() == null).map(Row::seq).toList();
        Map<Long, byte[]> read = HashMap.newHashMap(missing.size());
        if (!missing.isEmpty()) {
            PreparedStatement p = r.prepare("SELECT seq, json FROM events WHERE seq IN (" + "?,".repeat(missing.size() - 1)
                    + "?) AND (expiration IS NULL OR expiration > ?)");
            List<Object> params = new ArrayList<>(missing);
            params.add(now);
            Rows.bind(p, params);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) read.put(rs.getLong(1), rs.getBytes(2));
            }
        }
        List<StoredEvent> out = new ArrayList<>(keys.size());
        for (Row k : keys) {
            byte[] json = k.json() != null ? k.json() : read.get(k.seq());
            if (json != null) out.add(k.stored(json));
        }
        return out;
    }

    /** JSON budgets that are never spent: every row's JSON, or none. */
    private static final long[] ALL_JSON = {Long.MAX_VALUE}, NO_JSON = {-1};

    /** Reads a filter's rows page after page, in answer order, until {@code visit} returns false or they end. */
    private void walk(FilterSql sql, int page, long[] jsonBudget, java.util.function.Predicate<Row> visit) throws SQLException {
        long afterTime = 0;
        Optional<byte[]> afterId = Optional.empty();
        while (true) {
            List<Row> rows = page(sql, page, afterTime, afterId, jsonBudget);
            boolean more = rows.size() >= page;
            for (Row row : rows) {
                afterTime = row.createdAt();
                afterId = Optional.of(row.id());
                if (!visit.test(row)) return;
            }
            if (!more) return;
        }
    }

    /**
     * Whether a row SQL returned belongs in the answer. Exact SQL already applied the filter,
     * expiry and visibility; a gift wrap's recipients are checked again all the same.
     */
    private boolean keeps(StoredEvent e, Filter f, boolean exact) {
        if (e.kind() == Rows.GIFT_WRAP && !Rows.visible(e.event(), viewer)) return false;
        return exact || f.matches(e.event()) && !e.expiredAt(now);
    }

    /**
     * One page of rows after the cursor, in NIP-01 order (newest first, then the lowest id):
     * several statements are merged and cut to one page. {@code more} is judged by the caller on
     * the page's size.
     */
    private List<Row> page(FilterSql sql, int page, long afterTime, Optional<byte[]> afterId, long[] jsonBudget) throws SQLException {
        List<FilterSql.Sql> statements = sql.page(page, afterTime, afterId);
        List<Row> rows = new ArrayList<>();
        for (FilterSql.Sql q : statements) rows.addAll(rows(q, jsonBudget));
        if (statements.size() == 1 && statements.get(0).tiesInAnyOrder()) {
            // Up to page + 1 rows, newest first. If the last two kept and cut share a time, the
            // limit went through a group of ties, and which of them belong depends on their ids.
            if (rows.size() > page && rows.get(page).createdAt() == rows.get(page - 1).createdAt()) {
                long tie = rows.get(page).createdAt();
                int newer = 0;
                while (rows.get(newer).createdAt() != tie) newer++;
                rows = new ArrayList<>(rows.subList(0, newer));
                rows.addAll(rows(sql.tieGroup(tie, page - newer, afterTime, afterId), jsonBudget));
            }
        }
        if (statements.size() > 1 || statements.get(0).tiesInAnyOrder()) {
            rows.sort(Row.NEWEST_FIRST); // ties are rare: nearly in order already, which the sort checks in one pass
            if (rows.size() > page) rows = rows.subList(0, page);
        }
        return rows;
    }

    /** Rows of one statement; each row's JSON is fetched while {@code jsonBudget[0]} bytes are left, and counted against it. */
    private List<Row> rows(FilterSql.Sql q, long[] jsonBudget) throws SQLException {
        List<Row> rows = new ArrayList<>();
        PreparedStatement p = r.prepare(q.text());
        Rows.bind(p, q.params());
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long expiration = rs.getLong(6);
                if (rs.wasNull()) expiration = StoredEvent.NEVER;
                int size = rs.getInt(7);
                byte[] json = null;
                if (size <= jsonBudget[0]) {
                    json = rs.getBytes(4);
                    if (jsonBudget != ALL_JSON) jsonBudget[0] -= size;
                }
                rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getBytes(3), json, rs.getInt(5), expiration, size));
            }
        }
        return rows;
    }

    /** A row of a page: its key in answer order, the JSON (decoded only if need be, absent if not fetched), kind, expiration and the JSON's length. */
    record Row(long seq, long createdAt, byte[] id, byte[] json, int kind, long expiration, int size) {
        static final Comparator<Row> NEWEST_FIRST = Comparator.comparingLong(Row::createdAt).reversed()
                .thenComparing(Row::id, Arrays::compareUnsigned);

        Row withoutJson() {
            return new Row(seq, createdAt, id, null, kind, expiration, size);
        }

        /** The event of this row, with {@code json} as its stored JSON, decoded only if asked. */
        StoredEvent stored(byte[] json) {
            return Rows.undecoded(createdAt, id, kind, expiration, json);
        }
    }

    /**
     * Keys of one filter's matches, newest first, at most {@code max}; JSON is decoded only when
     * the SQL is not exact. Returns how many were visited.
     */
    long keys(Filter f, long max, KeyVisitor visitor) throws SQLException {
        if (max <= 0 || f.isEmptyByConstruction()) return 0;
        FilterSql sql = FilterSql.of(f, viewer, now);
        if (sql.nothing()) return 0;
        long[] seen = {0};
        Set<Long> mine = new HashSet<>();
        walk(sql, 5000, sql.exact() ? NO_JSON : ALL_JSON, row -> {
            if (!mine.add(row.seq())) return true;
            int kind = -1;
            if (!sql.exact()) {
                var e = Rows.decode(row.json()).event();
                if (!f.matches(e) || !Rows.visible(e, viewer) || Rows.expired(e, now)) return true;
                kind = e.kind();
            }
            visitor.visit(row.createdAt(), row.id(), kind);
            return ++seen[0] < max;
        });
        return seen[0];
    }

    /** Every unexpired event's key, oldest first, straight from the table (no JSON). */
    void allKeys(KeyVisitor visitor) throws SQLException {
        PreparedStatement p = r.prepare("SELECT created_at, id, kind FROM events INDEXED BY events_created"
                + " WHERE expiration IS NULL OR expiration > ? ORDER BY created_at, id");
        p.setLong(1, now);
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) visitor.visit(rs.getLong(1), rs.getBytes(2), rs.getInt(3));
        }
    }

    long count(List<Filter> filters) throws SQLException {
        List<FilterSql> exact = new ArrayList<>();
        List<Map.Entry<Filter, FilterSql>> inexact = new ArrayList<>();
        for (Filter f : filters) {
            if (f.isEmptyByConstruction()) continue;
            FilterSql sql = FilterSql.of(f, viewer, now);
            if (sql.nothing()) continue;
            if (sql.exact()) exact.add(sql);
            else inexact.add(Map.entry(f, sql));
        }
        if (inexact.isEmpty()) return exact.isEmpty() ? 0 : countInSql(exact);
        Set<Long> seqs = new HashSet<>();
        for (FilterSql sql : exact) {
            try (ResultSet rs = run(sql.rows(false))) {
                while (rs.next()) seqs.add(rs.getLong(1));
            }
        }
        for (Map.Entry<Filter, FilterSql> f : inexact) {
            try (ResultSet rs = run(f.getValue().rows(true))) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seqs.contains(seq)) continue;
                    StoredEvent e = Rows.decode(rs.getBytes(2));
                    if (f.getKey().matches(e.event()) && Rows.visible(e.event(), viewer)) seqs.add(seq);
                }
            }
        }
        return seqs.size();
    }

    private long countInSql(List<FilterSql> parts) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM (");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            FilterSql.Sql q = parts.get(i).rows(false);
            if (i > 0) sql.append(" UNION ");
            sql.append(q.text());
            params.addAll(q.params());
        }
        try (ResultSet rs = run(new FilterSql.Sql(sql.append(')').toString(), params))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    Optional<StoredEvent> get(EventId id) throws SQLException {
        PreparedStatement p = r.prepare("SELECT json FROM events WHERE id = ? AND (expiration IS NULL OR expiration > ?)");
        p.setBytes(1, id.raw());
        p.setLong(2, now);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.of(Rows.decode(rs.getBytes(1))) : Optional.empty();
        }
    }

    /**
     * One page of the oldest-first scan strictly after ({@code afterTime}, {@code afterId});
     * returns the key of the last row visited, or empty at the end.
     */
    Optional<Map.Entry<Long, byte[]>> scanPage(long afterTime, byte[] afterId, long until, int page, Consumer<StoredEvent> visitor)
            throws SQLException {
        PreparedStatement p = r.prepare("SELECT e.created_at, e.id, e.json FROM events e INDEXED BY events_created"
                + " WHERE (e.created_at > ? OR (e.created_at = ? AND e.id > ?)) AND e.created_at <= ?"
                + " AND (e.expiration IS NULL OR e.expiration > ?) ORDER BY e.created_at, e.id LIMIT ?");
        Rows.bind(p, List.of(afterTime, afterTime, afterId, until, now, page));
        Map.Entry<Long, byte[]> last = null;
        int rows = 0;
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows++;
                last = Map.entry(rs.getLong(1), rs.getBytes(2));
                visitor.accept(Rows.decode(rs.getBytes(3)));
            }
        }
        return rows < page ? Optional.empty() : Optional.of(last);
    }

    List<String> explain(FilterSql.Sql q) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (ResultSet rs = run(new FilterSql.Sql("EXPLAIN QUERY PLAN " + q.text(), q.params()))) {
            while (rs.next()) plan.add(rs.getString(4));
        }
        return plan;
    }

    private ResultSet run(FilterSql.Sql q) throws SQLException {
        PreparedStatement p = r.prepare(q.text());
        Rows.bind(p, q.params());
        return p.executeQuery();
    }

    /** Above every id, so that a scan can start strictly after (since - 1, maxId). */
    static byte[] maxId() {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }
}
