package mutual.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mutual.store.Leadership;

/**
 * Leadership among the node processes on one PostgreSQL database: the process holding a session
 * advisory lock leads. The lock lives as long as the connection that took it, so when the leader
 * stops, crashes or is killed, PostgreSQL ends its session and frees the lock, and the next
 * process to try (each tries every {@link #EVERY_MILLIS}) takes it. A leader checks its connection
 * as often; once it fails, it stops leading at once, before another can have taken over.
 */
final class PgLeader implements Leadership {
    private static final System.Logger LOG = System.getLogger(PgLeader.class.getName());
    static final long EVERY_MILLIS = 1000;
    /** The first half of the two-integer lock key (a space apart from the writers' one-bigint locks): "MUTL". */
    static final int LOCK_CLASS = 0x4d55544c;
    /** The leadership connection's application_name, followed by the process id. */
    public static final String APPLICATION_NAME = "mutual leader pid ";

    private final PgUrl url;
    private final int lockKey;
    private final Thread thread;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leads, closed;
    private Connection connection;

    PgLeader(PgUrl url) {
        this.url = url;
        this.lockKey = ("leader:" + url.schema().orElse("")).hashCode();
        step(); // the first try at once, so a lone process leads as soon as its store is open
        this.thread = Thread.ofPlatform().daemon().name("postgres-leader").start(this::run);
    }

    @Override
    public boolean leads() {
        return leads;
    }

    @Override
    public void onChange(Runnable changed) {
        listeners.add(changed);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            step();
        }
    }

    /** Takes the lock if free, or checks that the connection holding it still works. */
    private synchronized void step() {
        if (closed) return;
        try {
            if (connection == null) connection = connect();
            if (!leads) {
                if (tryLock()) become(true);
            } else {
                try (PreparedStatement p = connection.prepareStatement("SELECT 1")) {
                    p.executeQuery().close();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the connection that holds or seeks leadership failed: " + e.getMessage());
            if (leads) become(false);
            closeConnection();
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            p.setInt(1, LOCK_CLASS);
            p.setInt(2, lockKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private void become(boolean leader) {
        leads = leader;
        LOG.log(System.Logger.Level.INFO, leader ? "this process now leads the node processes on " + url + " (aid suggestions, mesh)"
                : "this process no longer leads the node processes on " + url);
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a leadership listener failed: " + e);
            }
        }
    }

    /** Names the process, so that an operator (and a test) can see who leads: pg_locks joined to pg_stat_activity. */
    private Connection connect() throws SQLException {
        return url.connect(APPLICATION_NAME + ProcessHandle.current().pid(), 10);
    }

    private void closeConnection() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // it is being replaced
        }
        connection = null;
    }

    /** Leaves: the lock goes with the connection, so another process can lead within a second. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeConnection();
            leads = false;
        }
    }
}
