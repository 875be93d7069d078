package mutual.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.KeyVisitor;
import mutual.store.StoredEvent;
import mutual.store.StoredJson;
import mutual.store.Viewer;

/** The store's reads on one pooled connection: filters (NIP-01, NIP-45, NIP-50), single events, scans. */
final class PgReads {
    private static final String ROW = "e.seq, e.created_at, e.id, e.kind, e.expiration, e.json";
    /** A row without its JSON, with the JSON's length in its place: how an answer is settled before it is read. */
    private static final String KEY = "e.seq, e.created_at, e.id, e.kind, e.expiration, length(e.json)";
    /** NIP-01's order, whole: newest first, then the lowest id. */
    static final Comparator<Row> NEWEST_FIRST = Comparator.comparingLong(Row::createdAt).reversed()
            .thenComparing(Row::id, java.util.Arrays::compareUnsigned);

    /** A matching row: its event when read with its JSON, else null and the JSON's {@code size}. */
    record Row(long seq, long createdAt, byte[] id, StoredEvent event, int kind, long expiration, int size) {}

    private final Connection c;
    private final Viewer viewer;
    private final long now;

    PgReads(Connection c, Viewer viewer, long now) {
        this.c = c;
        this.viewer = viewer;
        this.now = now;
    }

    List<StoredEvent> query(List<Filter> filters, int maxLimit) throws SQLException {
        return rows(filters, maxLimit, true).stream().map(Row::event).toList();
    }

    /** The rows of a REQ's answer, in NIP-01 order, each filter's limit applied to its own matches. */
    List<Row> rows(List<Filter> filters, int maxLimit, boolean withJson) throws SQLException {
        List<Row> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Filter f : filters) {
            int limit = Math.min(f.limit().orElse(maxLimit), maxLimit);
            if (limit <= 0) continue;
            Optional<PgFilter> sql = PgFilter.of(f, viewer, now);
            if (sql.isEmpty()) continue;
            try (PreparedStatement p = c.prepareStatement(select(withJson ? ROW : KEY, sql.get()))) {
                bind(p, sql.get(), limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        Row row = withJson ? row(r) : key(r);
                        if (seen.add(row.seq())) found.add(row);
                    }
                }
            }
        }
        if (filters.size() > 1) found.sort(NEWEST_FIRST);
        return found;
    }

    /**
     * The newest {@code limit} rows of a filter, in NIP-01 order. With a tag driver: each of its
     * values' newest {@code limit} rows from the tag index (in index order, so a common tag costs
     * {@code limit} rows, not all of them), merged and cut to {@code limit}; an event that has
     * several of the values is one row.
     */
    private static String select(String columns, PgFilter f) {
        if (f.driver().isEmpty()) return "SELECT " + columns + " FROM events e WHERE " + f.where() + " ORDER BY e.created_at DESC, e.id LIMIT ?";
        String one = "(SELECT e.seq, e.created_at, e.id FROM tags t JOIN events e ON e.seq = t.event WHERE t.name = ?"
                + " AND left(t.value, 256) = ? AND t.value = ? AND " + f.where() + " ORDER BY t.created_at DESC, t.id LIMIT ?)";
        String union = String.join(" UNION ", java.util.Collections.nCopies(f.driver().get().values().size(), one));
        return "SELECT " + columns + " FROM events e WHERE e.seq IN (SELECT u.seq FROM (" + union + ") u ORDER BY u.created_at DESC, u.id LIMIT ?)"
                + " ORDER BY e.created_at DESC, e.id";
    }

    private void bind(PreparedStatement p, PgFilter f, long limit) throws SQLException {
        int at = 1;
        if (f.driver().isPresent()) {
            for (String value : f.driver().get().values()) {
                p.setString(at++, f.driver().get().name());
                p.setString(at++, PgText.storable(PgFilter.indexed(value)));
                p.setString(at++, PgText.storable(value));
                at = f.bind(c, p, at);
                p.setLong(at++, limit);
            }
        } else {
            at = f.bind(c, p, at);
        }
        p.setLong(at, limit);
    }

    long count(List<Filter> filters) throws SQLException {
        List<PgFilter> parts = filters.stream().flatMap(f -> PgFilter.of(f, viewer, now).stream()).map(PgFilter::whole).toList();
        if (parts.isEmpty()) return 0;
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM events e WHERE ");
        for (int i = 0; i < parts.size(); i++) sql.append(i == 0 ? "(" : " OR (").append(parts.get(i).where()).append(")");
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            int next = 1;
            for (PgFilter part : parts) next = part.bind(c, p, next);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    Optional<StoredEvent> get(EventId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + ROW + " FROM events e WHERE e.id = ?"
                + " AND (e.expiration IS NULL OR e.expiration > ?)")) {
            p.setBytes(1, id.raw());
            p.setLong(2, now);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r).event()) : Optional.empty();
            }
        }
    }

    /** The JSON of rows still stored and unexpired, by seq. */
    java.util.Map<Long, byte[]> json(List<Long> seqs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT e.seq, e.json FROM events e WHERE e.seq = ANY(?)"
                + " AND (e.expiration IS NULL OR e.expiration > ?)")) {
            p.setArray(1, c.createArrayOf("bigint", seqs.toArray(new Long[0])));
            p.setLong(2, now);
            java.util.Map<Long, byte[]> out = new java.util.HashMap<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.put(r.getLong(1), r.getBytes(2));
            }
            return out;
        }
    }

    /** Events with seq in {@code seqs} (those still stored), in seq order. */
    List<StoredEvent> bySeq(List<Long> seqs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + ROW + " FROM events e WHERE e.seq = ANY(?)"
                + " AND (e.expiration IS NULL OR e.expiration > ?) ORDER BY e.seq")) {
            p.setArray(1, c.createArrayOf("bigint", seqs.toArray(new Long[0])));
            p.setLong(2, now);
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(row(r).event());
            }
            return out;
        }
    }

    /**
     * One page of {@link mutual.store.EventStore#scan}: events after ({@code afterTime},
     * {@code afterId}) up to {@code until}, oldest first. Returns the last one's key, or empty at the end.
     */
    Optional<Row> scanPage(long afterTime, byte[] afterId, long until, int page, Consumer<StoredEvent> visitor) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + ROW + " FROM events e WHERE (e.created_at, e.id) > (?, ?)"
                + " AND e.created_at <= ? AND (e.expiration IS NULL OR e.expiration > ?) ORDER BY e.created_at, e.id LIMIT ?")) {
            p.setLong(1, afterTime);
            p.setBytes(2, afterId);
            p.setLong(3, until);
            p.setLong(4, now);
            p.setInt(5, page);
            Row last = null;
            int n = 0;
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    last = row(r);
                    visitor.accept(last.event());
                    n++;
                }
            }
            return n < page ? Optional.empty() : Optional.of(last);
        }
    }

    /** Every unexpired event's key, oldest first, read through a cursor (the connection must not autocommit). */
    void allKeys(KeyVisitor visitor) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT e.created_at, e.id, e.kind FROM events e"
                + " WHERE e.expiration IS NULL OR e.expiration > ? ORDER BY e.created_at, e.id")) {
            p.setFetchSize(10_000);
            p.setLong(1, now);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) visitor.visit(r.getLong(1), r.getBytes(2), r.getInt(3));
            }
        }
    }

    long keys(Filter f, long max, KeyVisitor visitor) throws SQLException {
        Optional<PgFilter> sql = PgFilter.of(f, viewer, now).map(PgFilter::whole);
        if (sql.isEmpty() || max <= 0) return 0;
        try (PreparedStatement p = c.prepareStatement("SELECT e.created_at, e.id, e.kind FROM events e WHERE " + sql.get().where()
                + " ORDER BY e.created_at DESC, e.id LIMIT ?")) {
            p.setFetchSize(10_000);
            p.setLong(sql.get().bind(c, p, 1), max);
            long n = 0;
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    visitor.visit(r.getLong(1), r.getBytes(2), r.getInt(3));
                    n++;
                }
            }
            return n;
        }
    }

    /** A row of {@link #ROW}: with its JSON. */
    private static Row row(ResultSet r) throws SQLException {
        long expiration = expiration(r);
        byte[] id = r.getBytes(3), json = r.getBytes(6);
        return new Row(r.getLong(1), r.getLong(2), id, StoredJson.undecoded(r.getLong(2), id, r.getInt(4), expiration, json),
                r.getInt(4), expiration, json.length);
    }

    /** A row of {@link #KEY}: the JSON's length only. */
    private static Row key(ResultSet r) throws SQLException {
        long expiration = expiration(r);
        return new Row(r.getLong(1), r.getLong(2), r.getBytes(3), null, r.getInt(4), expiration, r.getInt(6));
    }

    private static long expiration(ResultSet r) throws SQLException {
        long expiration = r.getLong(5);
        return r.wasNull() ? StoredEvent.NEVER : expiration;
    }
}
