package mutual.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * How processes on one database learn what the others commit: LISTEN/NOTIFY. Each write
 * transaction that changed anything sends, before its commit, a notification naming the process
 * that wrote it and the seqs of the rows it inserted; PostgreSQL delivers it to every listener
 * only if and when the transaction commits, in commit order. Seqs, not whole events: a payload is
 * at most 8,000 bytes and an event can be 256 KB, and the listener reads the rows, which are
 * committed by the time it hears of them. A seq cursor ({@code seq > last}) would not do: seqs are
 * handed out when rows are inserted, so a transaction can commit a lower seq after another
 * committed a higher one. Notifications sent while a listener was disconnected are lost; it then
 * reports that it may have missed some (the node reconciles with its peers and reads the sync
 * index again; its live subscribers miss those events, as a client that reconnects would).
 */
final class PgNotices implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PgNotices.class.getName());
    /** Seqs held for {@link #take} at most; past it, the oldest are dropped and {@code missed} is set. */
    static final int MAX_HELD = 100_000;
    private static final int PAYLOAD_CHARS = 7_000;

    private final String channel;
    private final String origin = UUID.randomUUID().toString().substring(0, 8);
    private final PgUrl url;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection listening;
    /** Guarded by this: seqs others committed, not yet taken; whether anything changed; whether some may be lost. */
    private final List<Long> held = new ArrayList<>();
    private boolean changed, missed;
    private final List<Runnable> wakes = new java.util.concurrent.CopyOnWriteArrayList<>();

    PgNotices(PgUrl url, String channel) throws SQLException {
        this.url = url;
        this.channel = channel;
        this.listening = connect(); // before the store is used: nothing committed after opening is missed
        this.thread = Thread.ofPlatform().daemon().name("postgres-listen").start(this::run);
    }

    /** Inside a write transaction, before its commit: tells the others what it inserted. */
    void send(Connection c, List<Long> inserted) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            StringBuilder payload = new StringBuilder(origin).append(':');
            int start = payload.length();
            for (long seq : inserted) {
                if (payload.length() > PAYLOAD_CHARS) {
                    notify(p, payload);
                    payload.setLength(start);
                }
                payload.append(payload.length() > start ? "," : "").append(seq);
            }
            notify(p, payload);
        }
    }

    private void notify(PreparedStatement p, CharSequence payload) throws SQLException {
        p.setString(1, channel);
        p.setString(2, payload.toString());
        p.executeQuery().close();
    }

    /** Calls {@code wake} on the listening thread after each notification from another process. */
    void onHeard(Runnable wake) {
        wakes.add(wake);
    }

    /** Whether another process committed a change since the last call. */
    synchronized boolean changed() {
        boolean was = changed;
        changed = false;
        return was;
    }

    /** What {@link #take} returns: seqs other processes inserted, oldest first, and whether some were lost. */
    record Taken(List<Long> seqs, boolean missed) {}

    synchronized Taken take() {
        Taken t = new Taken(List.copyOf(held), missed);
        held.clear();
        missed = false;
        return t;
    }

    private synchronized void heard(PGNotification n) {
        String p = n.getParameter();
        int colon = p.indexOf(':');
        if (colon < 0 || p.substring(0, colon).equals(origin)) return;
        changed = true;
        for (String s : p.substring(colon + 1).split(",")) {
            if (s.isEmpty()) continue;
            if (held.size() >= MAX_HELD) {
                held.removeFirst();
                missed = true;
            }
            held.add(Long.parseLong(s));
        }
    }

    private synchronized void lost() {
        changed = true;
        missed = true;
    }

    private void wake() {
        for (Runnable w : wakes) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "waking the node after another process's commit failed: " + e);
            }
        }
    }

    /** No socket timeout: the connection waits for notifications, idle, as long as there are none. */
    private Connection connect() throws SQLException {
        Connection c = url.connect("mutual listen", 0);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN \"" + channel + "\"");
        }
        return c;
    }

    private void run() {
        long backoff = 100;
        while (!closed) {
            try {
                if (listening == null) {
                    listening = connect();
                    backoff = 100;
                }
                PGNotification[] ns = listening.unwrap(PGConnection.class).getNotifications(500);
                if (ns != null && ns.length > 0) {
                    for (PGNotification n : ns) heard(n);
                    wake();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                LOG.log(System.Logger.Level.WARNING, "listening for other processes' commits failed, connecting again: " + e.getMessage());
                lost();
                wake();
                closeQuietly();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void closeQuietly() {
        try {
            if (listening != null) listening.close();
        } catch (SQLException ignored) {
            // it is being replaced or the store closes
        }
        listening = null;
    }

    /**
     * Stops listening at once: the listening thread may be waiting in {@code getNotifications},
     * which an interrupt does not wake (a socket read), so its connection is aborted under it
     * (closing at the next wait would hold {@code close} for up to half a second).
     */
    @Override
    public void close() {
        closed = true;
        Connection c = listening;
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closed below in any case
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }
}
