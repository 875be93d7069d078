package mutual.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.event.Event;
import mutual.store.EventStore;

/**
 * What other processes commit to the same file, such as a {@code bundle import} while the node
 * runs, told apart from this process's own commits. Read on the writer connection, under the
 * store's lock, so no commit of ours is half done meanwhile.
 */
final class OtherWriters {
    private final Connection writer;
    private final Statements st;
    private final OwnSeqs own;
    /** The writer connection's {@code PRAGMA data_version} at the last {@link #changed()}. */
    private long dataVersion;
    /** The highest seq {@link #written} has looked at (at first, the highest at opening). */
    private long seenSeq;

    OtherWriters(Connection writer, Statements st, OwnSeqs own) throws SQLException {
        this.writer = writer;
        this.st = st;
        this.own = own;
        this.dataVersion = dataVersion();
        try (Statement s = writer.createStatement()) {
            this.seenSeq = Long.parseLong(Connections.single(s, "SELECT COALESCE(MAX(seq), 0) FROM events"));
        }
    }

    /**
     * Whether another connection committed since the last call: SQLite's {@code data_version}
     * of a connection changes exactly then, and this process writes only through that connection.
     */
    boolean changed() throws SQLException {
        long v = dataVersion();
        boolean changed = v != dataVersion;
        dataVersion = v;
        return changed;
    }

    /**
     * Rows get their seq in commit order whoever writes them, so the events stored since the last
     * look are those above {@link #seenSeq}, less the ones this process's writer stored.
     */
    EventStore.Elsewhere written(int max) throws SQLException {
        PreparedStatement p = st.get("SELECT seq, json FROM events WHERE seq > ? ORDER BY seq DESC LIMIT ?");
        p.setLong(1, seenSeq);
        p.setLong(2, max + own.countAbove(seenSeq) + 1);
        List<Event> newestFirst = new ArrayList<>();
        long highest = seenSeq;
        boolean more = false;
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long seq = r.getLong(1);
                highest = Math.max(highest, seq);
                if (own.contains(seq)) continue;
                if (newestFirst.size() == max) {
                    more = true;
                    break;
                }
                newestFirst.add(Rows.decode(r.getBytes(2)).event());
            }
        }
        seenSeq = highest;
        own.dropUpTo(highest);
        return new EventStore.Elsewhere(newestFirst.reversed(), more);
    }

    private long dataVersion() throws SQLException {
        try (Statement s = writer.createStatement()) {
            return Long.parseLong(Connections.single(s, "PRAGMA data_version"));
        }
    }
}
