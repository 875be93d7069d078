package mutual.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import mutual.protocol.event.Event;

/**
 * NIP-50's full-text index, filled after the commits that store events rather than in them.
 * FTS5 writes a new index segment at every commit, so words indexed a few events at a time cost
 * several times what they cost a thousand at a time. Events are indexed in {@code seq} order, and
 * {@code text_indexed.upto} says how far: the words and the mark move in one transaction, so a
 * crash leaves them agreeing, and whoever indexes next (this process or another on the same
 * file) carries on from the mark. Deleting an event removes its words only if it was indexed
 * (the trigger of V003). Used on the writer connection, under the store's lock.
 */
final class TextIndex {
    /** Kinds whose content is ciphertext (NIP-04, NIP-59 seal and wrap): no words to search. */
    private static final Set<Integer> NOT_SEARCHABLE = Set.of(4, 13, 1059, 1060);
    private static final System.Logger LOG = System.getLogger(TextIndex.class.getName());
    /**
     * Events whose words are indexed in one transaction. Once this many of this process's own
     * wait, they are indexed right after the commit that made them so many; fewer wait for
     * {@link SqliteStore#catchUp} or a search. FTS5 at 1,000 events per commit costs under half
     * of what it costs at 8.
     */
    static final int BATCH = 1000;

    private final Statements st;
    /** Events this process stored whose words are not indexed yet, as far as it knows. */
    private long backlog;

    TextIndex(Statements st) {
        this.st = st;
    }

    /**
     * After a commit that stored {@code count} events: once {@link #BATCH} of ours wait, their
     * words are indexed now. The commit stands whatever happens here; a failure is logged and
     * leaves the words to the next try.
     */
    void stored(long count) {
        backlog += count;
        try {
            while (backlog >= BATCH) {
                if (indexNext(BATCH) == 0) backlog = 0;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "indexing the words of stored events failed; a later search or idle moment tries again: "
                    + e.getMessage());
        }
    }

    /** Indexes every event stored so far by any process, {@link #BATCH} per transaction, so another process can write between them. */
    void upToDate() throws SQLException {
        while (indexNext(BATCH) > 0) {
            // the next transaction
        }
    }

    /**
     * Indexes the words of up to {@code max} events stored after the mark, in one transaction of
     * its own; returns how many events it went through (0 when the index is up to date). When it
     * is, a read says so first: the idle writer asks often, and a write transaction for nothing
     * would take the lock.
     */
    int indexNext(int max) throws SQLException {
        if (behind() == 0) return 0;
        st.exec("BEGIN IMMEDIATE");
        try {
            long last = upto();
            int seen = 0;
            PreparedStatement p = st.get("SELECT seq, kind, json FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
            p.setLong(1, last);
            p.setInt(2, max);
            PreparedStatement add = st.get("INSERT INTO events_fts (rowid, content) VALUES (?, ?)");
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    last = r.getLong(1);
                    seen++;
                    if (NOT_SEARCHABLE.contains(r.getInt(2))) continue;
                    Event e;
                    try {
                        e = Rows.decode(r.getBytes(3)).event();
                    } catch (RuntimeException unreadable) {
                        // Only the writer stores rows, from checked events; should one be unreadable, it
                        // must not hold back every search after it.
                        LOG.log(System.Logger.Level.WARNING, "event #" + last + " cannot be read for the word index: " + unreadable.getMessage());
                        continue;
                    }
                    if (e.content().isBlank()) continue;
                    add.setLong(1, last);
                    add.setString(2, e.content());
                    add.executeUpdate();
                }
            }
            if (seen > 0) {
                PreparedStatement mark = st.get("UPDATE text_indexed SET upto = ? WHERE id = 1");
                mark.setLong(1, last);
                mark.executeUpdate();
            }
            st.exec("COMMIT");
            backlog = Math.max(0, backlog - seen);
            return seen;
        } catch (SQLException | RuntimeException e) {
            st.rollbackAfter(e);
            throw e;
        }
    }

    /** How many stored events wait for their words to be indexed, by any process's writes. */
    private long behind() throws SQLException {
        PreparedStatement p = st.get("SELECT (SELECT COALESCE(MAX(seq), 0) FROM events) - upto FROM text_indexed WHERE id = 1");
        try (ResultSet r = p.executeQuery()) {
            return r.next() ? Math.max(0, r.getLong(1)) : 0;
        }
    }

    private long upto() throws SQLException {
        try (ResultSet r = st.get("SELECT upto FROM text_indexed WHERE id = 1").executeQuery()) {
            if (!r.next()) throw new SQLException("text_indexed has no row: the database was not migrated to version 3");
            return r.getLong(1);
        }
    }
}
