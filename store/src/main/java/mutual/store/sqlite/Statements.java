package mutual.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The writer connection's prepared statements, compiled once each. Used only under the store's lock. */
final class Statements implements AutoCloseable {
    private final Connection c;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    Statements(Connection c) {
        this.c = c;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement p = cache.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            cache.put(sql, p);
        }
        return p;
    }

    /** Runs a statement without parameters (BEGIN, COMMIT, PRAGMA). */
    void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Rolls back the open transaction after {@code cause}, to which a failure to roll back is added. */
    void rollbackAfter(Exception cause) {
        try {
            exec("ROLLBACK");
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    @Override
    public void close() {
        for (PreparedStatement p : cache.values()) {
            try {
                p.close();
            } catch (SQLException ignored) {
                // shutting down
            }
        }
        cache.clear();
    }
}
