package mutual.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.event.EventId;
import mutual.store.KeyChange;

/**
 * Records every row added to or removed from {@code events} on the writer connection, with
 * TEMP triggers into a TEMP table: one place that sees replacements, deletions, vanish requests
 * and purges alike, inside the same transaction (a rollback forgets them too). Installed only
 * once someone listens, so a store without listeners pays nothing.
 */
final class Changes {
    private final Connection writer;
    private boolean installed;

    Changes(Connection writer) {
        this.writer = writer;
    }

    void install() throws SQLException {
        if (installed) return;
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("CREATE TEMP TABLE IF NOT EXISTS event_changes (n INTEGER PRIMARY KEY, added INTEGER NOT NULL,"
                    + " created_at INTEGER NOT NULL, id BLOB NOT NULL, kind INTEGER NOT NULL)");
            s.executeUpdate("CREATE TEMP TRIGGER IF NOT EXISTS event_added AFTER INSERT ON main.events BEGIN"
                    + " INSERT INTO event_changes (added, created_at, id, kind) VALUES (1, new.created_at, new.id, new.kind); END");
            s.executeUpdate("CREATE TEMP TRIGGER IF NOT EXISTS event_removed AFTER DELETE ON main.events BEGIN"
                    + " INSERT INTO event_changes (added, created_at, id, kind) VALUES (0, old.created_at, old.id, old.kind); END");
        }
        installed = true;
    }

    boolean installed() {
        return installed;
    }

    /** The changes committed since the last call, in order, and forgets them. */
    List<KeyChange> drain() throws SQLException {
        List<KeyChange> out = new ArrayList<>();
        if (!installed) return out;
        try (Statement s = writer.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT added, created_at, id, kind FROM event_changes ORDER BY n")) {
                while (r.next()) out.add(new KeyChange(r.getInt(1) == 1, r.getLong(2), EventId.of(r.getBytes(3)), r.getInt(4)));
            }
            if (!out.isEmpty()) s.executeUpdate("DELETE FROM event_changes");
        }
        return out;
    }
}
