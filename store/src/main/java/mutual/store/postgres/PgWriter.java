package mutual.store.postgres;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.store.KeyChange;
import mutual.store.StoredEvent;
import mutual.store.WriteOutcome;

/**
 * One batch in one transaction, with the NIP-01 replacement, NIP-09 and NIP-62 rules of the
 * SQLite store, made safe for several processes writing at once. Before it reads anything the
 * transaction takes a PostgreSQL advisory lock for every pubkey the batch can touch (each author,
 * and each recipient of a gift wrap), in ascending order so two batches never wait on each other
 * in a circle. Every rule reads and writes only rows of those pubkeys (an address is an author's;
 * a deletion or vanish request removes its author's events or gift wraps to its author), so
 * whichever process takes a replaceable event, it is judged against every version committed
 * before it, and two versions can never both win. The locks go with the commit.
 */
final class PgWriter {
    private final Connection c;
    private final List<KeyChange> changes = new ArrayList<>();
    private final List<Long> inserted = new ArrayList<>();
    private final List<WriteOutcome> outcomes = new ArrayList<>();
    private final PgDeletions deletions;

    PgWriter(Connection c) {
        this.c = c;
        this.deletions = new PgDeletions(c, changes);
    }

    /**
     * Ids of the batch already stored, read in one statement after the locks; kept up to date as
     * the batch inserts and removes rows, so that each event needs no lookup of its own.
     */
    private final java.util.Set<EventId> present = new java.util.HashSet<>();

    /** Stores the batch, on a connection not in autocommit mode; the caller commits. */
    void write(List<StoredEvent> batch) throws SQLException {
        lock(batch);
        deletions.refresh();
        readPresent(batch);
        for (StoredEvent e : batch) {
            int seen = changes.size();
            outcomes.add(one(e.event(), e.json()));
            for (int i = seen; i < changes.size(); i++) {
                KeyChange k = changes.get(i);
                if (k.added()) present.add(k.id());
                else present.remove(k.id());
            }
        }
    }

    private void readPresent(List<StoredEvent> batch) throws SQLException {
        byte[][] ids = batch.stream().map(e -> e.event().id().raw()).toArray(byte[][]::new);
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM events WHERE id = ANY (?)")) {
            p.setArray(1, c.createArrayOf("bytea", ids));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) present.add(EventId.of(r.getBytes(1)));
            }
        }
    }

    /** One outcome per event of the batch, in order. */
    List<WriteOutcome> outcomes() {
        return outcomes;
    }

    /** What the transaction added and removed, in order. */
    List<KeyChange> changes() {
        return changes;
    }

    /** The seqs of the rows the transaction inserted. */
    List<Long> inserted() {
        return inserted;
    }

    private void lock(List<StoredEvent> batch) throws SQLException {
        TreeSet<Long> keys = new TreeSet<>();
        for (StoredEvent s : batch) {
            Event e = s.event();
            keys.add(lockKey(e.pubkey()));
            if (e.kind() == PgDeletions.GIFT_WRAP) for (PubKey to : mutual.store.Refusals.recipients(e)) keys.add(lockKey(to));
        }
        // One statement: unnest yields the sorted array in its order, and the locks are taken row by row.
        try (PreparedStatement p = c.prepareStatement("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k")) {
            p.setArray(1, c.createArrayOf("bigint", keys.toArray(Long[]::new)));
            p.executeQuery().close();
        }
    }

    /** A pubkey's lock: its first 8 bytes (keys are uniformly random; a rare clash only makes two authors wait on each other). */
    static long lockKey(PubKey k) {
        return ByteBuffer.wrap(k.raw()).getLong();
    }

    private WriteOutcome one(Event e, byte[] json) throws SQLException {
        KindClass kc = e.kindClass();
        if (kc == KindClass.EPHEMERAL) return new WriteOutcome.Ephemeral();
        if (present.contains(e.id())) return new WriteOutcome.Duplicate();
        Optional<String> refused = deletions.refusal(e);
        if (refused.isPresent()) return new WriteOutcome.Deleted(refused.get());
        int before = changes.size();
        if (kc.hasAddress()) {
            String d = Address.of(e).d();
            try (PreparedStatement p = c.prepareStatement("SELECT created_at, id FROM events WHERE pubkey = ? AND kind = ? AND d_tag = ?")) {
                bind(p, e.pubkey().raw(), e.kind(), d);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        long at = r.getLong(1);
                        // NIP-01: the newest wins; at equal created_at, the lowest id.
                        if (at > e.createdAt() || (at == e.createdAt() && Arrays.compareUnsigned(r.getBytes(2), e.id().raw()) < 0))
                            return new WriteOutcome.Superseded();
                    }
                }
            }
            deletions.remove("DELETE FROM events WHERE pubkey = ? AND kind = ? AND d_tag = ?", e.pubkey().raw(), e.kind(), d);
        }
        int replaced = changes.size() - before;
        if (e.kind() == PgDeletions.DELETION) deletions.delete(e);
        // Before the insert: the request's own created_at is within what it removes.
        if (e.kind() == PgDeletions.VANISH) deletions.vanish(e.pubkey(), e.createdAt());
        insert(e, kc, json);
        return new WriteOutcome.Stored(replaced);
    }

    /** The event and its indexed tags in one statement (one round trip): the tags' insert reads the new seq from the first. */
    private void insert(Event e, KindClass kc, byte[] json) throws SQLException {
        List<String> names = new ArrayList<>(), values = new ArrayList<>();
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (Tag t : e.tags()) {
            // One row per (name, value), as a condition on it is met once.
            if (!t.isIndexable() || t.size() < 2 || !seen.add(List.of(t.name(), t.values().get(1)))) continue;
            names.add(t.name());
            values.add(t.values().get(1));
        }
        long seq;
        try (PreparedStatement p = c.prepareStatement("WITH e AS (INSERT INTO events (id, pubkey, created_at, kind, d_tag, expiration, json, words)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, to_tsvector('simple', ?::text)) RETURNING seq),"
                + " t AS (INSERT INTO tags (event, name, value, created_at, id) SELECT e.seq, x.name, x.value, ?, ? FROM e,"
                + " unnest(?::text[], ?::text[]) AS x(name, value))"
                + " SELECT seq FROM e")) {
            bind(p, e.id().raw(), e.pubkey().raw(), e.createdAt(), e.kind(), kc.hasAddress() ? Address.of(e).d() : null,
                    e.expiration().orElse(null), json, PgText.indexed(e.kind(), e.content()).orElse(null), e.createdAt(), e.id().raw());
            p.setArray(11, c.createArrayOf("text", names.toArray()));
            p.setArray(12, c.createArrayOf("text", values.toArray()));
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) throw new SQLException("INSERT ... RETURNING gave no row");
                seq = r.getLong(1);
            }
        }
        inserted.add(seq);
        changes.add(new KeyChange(true, e.createdAt(), e.id(), e.kind()));
    }

    static void bind(PreparedStatement p, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            switch (params[i]) {
                case null -> p.setNull(i + 1, java.sql.Types.NULL);
                case Long l -> p.setLong(i + 1, l);
                case Integer n -> p.setInt(i + 1, n);
                case Boolean b -> p.setBoolean(i + 1, b);
                case String s -> p.setString(i + 1, s);
                case byte[] b -> p.setBytes(i + 1, b);
                default -> throw new IllegalArgumentException("cannot bind " + params[i].getClass());
            }
        }
    }
}
