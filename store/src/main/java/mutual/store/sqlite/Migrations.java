package mutual.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import mutual.store.StoreException;

/**
 * Brings a database's schema up to date: numbered SQL scripts next to this class, applied in
 * order, each in its own transaction together with its row in {@code schema_version}, so a crash
 * leaves either the old or the new version. Forward only; a database newer than this code is
 * refused rather than guessed at. (Why not Flyway: see the store's pom.xml.)
 */
final class Migrations {
    /** In order; a script's version is its position + 1. Never edit a released script: add one. */
    static final List<String> SCRIPTS = List.of("V001__events.sql", "V002__one_author_index.sql", "V003__text_index_after_commit.sql");

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {}

    /** Applies the missing scripts on {@code c}, a writable connection in autocommit mode. */
    static void apply(Connection c, long nowSeconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        // A new database takes every script in a row; only an existing one is said to be upgraded.
        boolean existing = current(c) > 0;
        for (int i = 0; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            try (Statement s = c.createStatement()) {
                // IMMEDIATE takes the write lock first, so two processes opening the same
                // folder cannot both apply a script; the version is re-read under the lock.
                s.executeUpdate("BEGIN IMMEDIATE");
                try {
                    int current = current(c);
                    if (current >= version) {
                        s.executeUpdate("COMMIT");
                        continue;
                    }
                    if (existing) LOG.log(System.Logger.Level.INFO, "upgrading the database from schema version " + current + " to " + version
                            + " (" + SCRIPTS.get(i) + ")");
                    s.executeUpdate(script(SCRIPTS.get(i)));
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                        p.setInt(1, version);
                        p.setString(2, SCRIPTS.get(i));
                        p.setLong(3, nowSeconds);
                        p.executeUpdate();
                    }
                    s.executeUpdate("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    s.executeUpdate("ROLLBACK");
                    throw e;
                }
            }
        }
        int current = current(c);
        if (current > SCRIPTS.size())
            throw new StoreException("the database has schema version " + current
                    + ", newer than this program knows (" + SCRIPTS.size() + "); use a newer Mutual");
    }

    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static String script(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            if (in == null) throw new StoreException("migration script " + name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration script " + name, e);
        }
    }
}
