package mutual.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import mutual.store.StoreException;

/**
 * Opens connections to the database file with the settings the store relies on. The writer runs
 * in WAL mode with {@code synchronous=NORMAL}, and {@link WalSync} makes commits durable (group
 * commit, with the disk's wait off the writer's path). Readers open read-only.
 */
final class Connections {
    private Connections() {}

    static Connection writer(Path file, SqliteOptions o) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(o.busyTimeoutMillis());
        // Otherwise the driver prepares and runs "SELECT last_insert_rowid()" after every INSERT
        // (three per event: tags and search words) for getGeneratedKeys, which nothing here calls;
        // the event's seq comes from INSERT ... RETURNING.
        cfg.setGetGeneratedKeys(false);
        Connection c = cfg.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            String mode = single(s, "PRAGMA journal_mode = WAL");
            if (!mode.equalsIgnoreCase("wal")) throw new StoreException("SQLite refused WAL mode for " + file + " (got " + mode + ")");
            // NORMAL: a commit does not wait for the disk; WalSync fdatasyncs the log after it,
            // once for several commits, and nothing is acknowledged before that returns.
            s.executeUpdate("PRAGMA synchronous = NORMAL");
            s.executeUpdate("PRAGMA foreign_keys = ON");
            // A WAL that grew during a burst is truncated back to this size after checkpoints.
            s.executeUpdate("PRAGMA journal_size_limit = " + (64L << 20));
            // Copy the log home every 64 MiB rather than SQLite's 4 MiB: pages that many commits
            // touch (index pages) are copied once, and checkpoints read a third as much. Measured on
            // the relay benchmark's events: writes -35%, reads -65%, writer time -10 to -25%.
            s.executeUpdate("PRAGMA wal_autocheckpoint = 16384");
            common(s, o, o.writerCacheKiB());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    static Connection reader(Path file, SqliteOptions o) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(o.busyTimeoutMillis());
        cfg.setOpenMode(SQLiteOpenMode.READONLY);
        cfg.resetOpenMode(SQLiteOpenMode.READWRITE);
        cfg.resetOpenMode(SQLiteOpenMode.CREATE);
        Connection c = cfg.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA query_only = ON");
            common(s, o, o.readerCacheKiB());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void common(Statement s, SqliteOptions o, int cacheKiB) throws SQLException {
        s.executeUpdate("PRAGMA cache_size = " + (-cacheKiB));
        s.executeUpdate("PRAGMA mmap_size = " + o.mmapBytes());
        s.executeUpdate("PRAGMA temp_store = MEMORY");
        // The schema is ours; nothing in the file should run functions with side effects.
        s.executeUpdate("PRAGMA trusted_schema = OFF");
    }

    static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : "";
        }
    }
}
