package mutual.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import mutual.store.StoreException;

/**
 * A few read-only connections shared by the threads that query. A borrower has its connection
 * to itself until it gives it back, and reads inside one transaction, so one query sees one
 * snapshot even while the writer commits.
 */
final class ReaderPool implements AutoCloseable {
    private final BlockingQueue<Reader> idle;
    private volatile boolean closed;

    /** One connection with its prepared statements, which SQLite compiles once per shape of query. */
    static final class Reader {
        final Connection connection;
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= 128) return false;
                closeQuietly(eldest.getValue());
                return true;
            }
        };

        Reader(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement p = statements.get(sql);
            if (p == null) {
                p = connection.prepareStatement(sql);
                statements.put(sql, p);
            }
            return p;
        }

        void close() {
            statements.values().forEach(Reader::closeQuietly);
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing at shutdown; nothing is left to save
            }
        }

        private static void closeQuietly(PreparedStatement p) {
            try {
                p.close();
            } catch (SQLException ignored) {
                // a statement of a connection that is going away
            }
        }
    }

    interface Work<T> {
        T run(Reader r) throws SQLException;
    }

    ReaderPool(List<Connection> connections) {
        idle = new ArrayBlockingQueue<>(connections.size());
        for (Connection c : connections) {
            idle.add(new Reader(c));
        }
    }

    /** Runs {@code work} on a borrowed connection inside one read transaction. */
    <T> T read(Work<T> work) {
        if (closed) throw new StoreException("the store is closed");
        Reader r;
        try {
            r = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
        try (var s = r.connection.createStatement()) {
            s.executeUpdate("BEGIN");
            try {
                return work.run(r);
            } finally {
                s.executeUpdate("COMMIT");
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            idle.add(r);
            if (closed && idle.remove(r)) r.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        Reader r;
        while ((r = idle.poll()) != null) r.close();
    }
}
