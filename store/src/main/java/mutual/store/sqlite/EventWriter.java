package mutual.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.store.StoredEvent;
import mutual.store.WriteOutcome;

/**
 * The single writer: stores batches in one transaction each, applying NIP-01 replacement,
 * NIP-09 deletion and NIP-62 vanish rules as it goes, so a batch's events see each other. The
 * full-text index is filled later, by {@link TextIndex}.
 * Not thread-safe by design; {@link SqliteStore} serializes calls.
 */
final class EventWriter implements AutoCloseable {
    /** Rows removed per transaction by {@link #purgeExpired}, so the writer is never held long. */
    static final int PURGE_BATCH = 1000;

    private final Statements st;
    private final Deletions deletions;
    /** The seq of every event stored by the transaction in progress; handed to {@link #own} at its commit. */
    private final List<Long> inserted = new ArrayList<>();
    private final OwnSeqs own = new OwnSeqs();

    EventWriter(Connection c) {
        this.st = new Statements(c);
        this.deletions = new Deletions(st);
    }

    List<WriteOutcome> write(List<StoredEvent> batch) throws SQLException {
        List<WriteOutcome> out = new ArrayList<>(batch.size());
        inserted.clear();
        st.exec("BEGIN IMMEDIATE");
        try {
            deletions.refresh();
            for (StoredEvent e : batch) out.add(one(e.event(), e.json()));
            st.exec("COMMIT");
        } catch (SQLException | RuntimeException e) {
            st.rollbackAfter(e);
            throw e;
        }
        for (long seq : inserted) own.add(seq);
        return out;
    }

    private WriteOutcome one(Event e, byte[] json) throws SQLException {
        KindClass kc = e.kindClass();
        if (kc == KindClass.EPHEMERAL) return new WriteOutcome.Ephemeral();
        PreparedStatement dup = st.get("SELECT 1 FROM events WHERE id = ?");
        dup.setBytes(1, e.id().raw());
        try (ResultSet r = dup.executeQuery()) {
            if (r.next()) return new WriteOutcome.Duplicate();
        }
        var refused = deletions.refusal(e);
        if (refused.isPresent()) return new WriteOutcome.Deleted(refused.get());
        int replaced = 0;
        if (kc.hasAddress()) {
            List<Long> older = new ArrayList<>();
            PreparedStatement p = st.get("SELECT seq, created_at, id FROM events INDEXED BY events_address"
                    + " WHERE pubkey = ? AND kind = ? AND d_tag = ?");
            p.setBytes(1, e.pubkey().raw());
            p.setInt(2, e.kind());
            p.setString(3, Address.of(e).d());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long at = r.getLong(2);
                    // NIP-01: the newest wins; at equal created_at, the lowest id.
                    if (at > e.createdAt() || (at == e.createdAt() && Arrays.compareUnsigned(r.getBytes(3), e.id().raw()) < 0))
                        return new WriteOutcome.Superseded();
                    older.add(r.getLong(1));
                }
            }
            PreparedStatement del = st.get("DELETE FROM events WHERE seq = ?");
            for (long seq : older) {
                del.setLong(1, seq);
                replaced += del.executeUpdate();
            }
        }
        if (e.kind() == Deletions.DELETION) deletions.delete(e);
        // Before the insert: the request's own created_at is within what it removes.
        if (e.kind() == Deletions.VANISH) deletions.vanish(e.pubkey(), e.createdAt());
        insert(e, kc, json);
        return new WriteOutcome.Stored(replaced);
    }

    private void insert(Event e, KindClass kc, byte[] json) throws SQLException {
        PreparedStatement p = st.get("INSERT INTO events (id, pubkey, created_at, kind, d_tag, expiration, json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq");
        p.setBytes(1, e.id().raw());
        p.setBytes(2, e.pubkey().raw());
        p.setLong(3, e.createdAt());
        p.setInt(4, e.kind());
        if (kc.hasAddress()) p.setString(5, Address.of(e).d());
        else p.setNull(5, java.sql.Types.VARCHAR);
        if (e.expiration().isPresent()) p.setLong(6, e.expiration().get());
        else p.setNull(6, java.sql.Types.INTEGER);
        p.setBytes(7, json);
        long seq;
        try (ResultSet r = p.executeQuery()) {
            if (!r.next()) throw new SQLException("INSERT ... RETURNING gave no row");
            seq = r.getLong(1);
        }
        inserted.add(seq);
        PreparedStatement tag = st.get("INSERT OR IGNORE INTO tags (event, name, value, created_at) VALUES (?, ?, ?, ?)");
        for (Tag t : e.tags()) {
            if (!t.isIndexable() || t.size() < 2) continue;
            String value = t.values().get(1);
            if (value.length() > FilterSql.TAG_VALUE_CAP) continue;
            tag.setLong(1, seq);
            tag.setString(2, t.name());
            tag.setString(3, value);
            tag.setLong(4, e.createdAt());
            tag.executeUpdate();
        }
        // The words are indexed after this commit, with many other events' (TextIndex).
    }

    /** Removes expired events in transactions of at most {@link #PURGE_BATCH} rows each. */
    int purgeExpired(long now) throws SQLException {
        int total = 0;
        while (true) {
            st.exec("BEGIN IMMEDIATE");
            int n;
            try {
                PreparedStatement p = st.get("DELETE FROM events WHERE seq IN (SELECT seq FROM events INDEXED BY events_expiration"
                        + " WHERE expiration <= ? LIMIT " + PURGE_BATCH + ")");
                p.setLong(1, now);
                n = p.executeUpdate();
                st.exec("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.rollbackAfter(e);
                throw e;
            }
            total += n;
            if (n < PURGE_BATCH) return total;
        }
    }

    /** The seqs this writer stored (see {@link SqliteStore#writtenElsewhere}). */
    OwnSeqs own() {
        return own;
    }

    Statements statements() {
        return st;
    }

    @Override
    public void close() {
        st.close();
    }
}
