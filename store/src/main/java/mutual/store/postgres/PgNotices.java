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
 * committed a higher one. Notifications sent while a listener was disconnected are lost: once it
 * listens again it reads the seqs of the rows inserted since shortly before the last one it knew
 * ({@link #CATCH_UP_WINDOW} seqs back, for transactions that committed late) and holds those that
 * are neither its own nor already heard, so live subscribers get them after all; it also reports
 * that it may have missed some (the node reconciles with its peers and reads the sync index again).
 */
final class PgNotices implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PgNotices.class.getName());
    /** Seqs held for {@link #take} at most; past it, the oldest are dropped and {@code missed} is set. */
    static final int MAX_HELD = 100_000;
    private static final int PAYLOAD_CHARS = 7_000;
    /**
     * How far below the highest seq it knew a listener that reconnects looks for rows it has not
     * heard of: a transaction that took its seqs earlier but committed later falls within it unless
     * this many rows were inserted in between.
     */
    static final int CATCH_UP_WINDOW = 10_000;

    private final String channel;
    private final String origin = UUID.randomUUID().toString().substring(0, 8);
    private final PgUrl url;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection listening;
    /** Guarded by this: seqs others committed, not yet taken; whether anything changed; whether some may be lost. */
    private final List<Long> held = new ArrayList<>();
    private boolean changed, missed;
    /** Guarded by this: the seqs heard or inserted here within {@link #CATCH_UP_WINDOW} of the highest, and that highest. */
    private final java.util.TreeSet<Long> recent = new java.util.TreeSet<>();
    private long top;
    private final List<Runnable> wakes = new java.util.concurrent.CopyOnWriteArrayList<>();

    PgNotices(PgUrl url, String channel) throws SQLException {
        this.url = url;
        this.channel = channel;
        this.listening = connect(); // before the store is used: nothing committed after opening is missed
        try (Statement st = listening.createStatement(); java.sql.ResultSet r = st.executeQuery("SELECT coalesce(max(seq), 0) FROM events")) {
            r.next();
            top = r.getLong(1);
        }
        this.thread = Thread.ofPlatform().daemon().name("postgres-listen").start(this::run);
    }

    /** Inside a write transaction, before its commit: tells the others what it inserted. */
    void send(Connection c, List<Long> inserted) throws SQLException {
        synchronized (this) {
            inserted.forEach(this::remember); // its own: not to be taken as another's after a reconnect
        }
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
            if (!s.isEmpty()) hold(Long.parseLong(s));
        }
    }

    /** Holds a seq another process inserted, unless it is held or was taken already. Guarded by this. */
    private void hold(long seq) {
        if (recent.contains(seq)) return;
        remember(seq);
        if (held.size() >= MAX_HELD) {
            held.removeFirst();
            missed = true;
        }
        held.add(seq);
    }

    /** Guarded by this. */
    private void remember(long seq) {
        recent.add(seq);
        top = Math.max(top, seq);
        while (recent.first() < top - CATCH_UP_WINDOW) recent.pollFirst();
    }

    /**
     * After a reconnect, already listening: holds the rows inserted meanwhile by others (see the
     * class comment). Notifications of the same rows, heard next, are then ignored.
     */
    private void catchUp() throws SQLException {
        long from;
        synchronized (this) {
            from = Math.max(0, top - CATCH_UP_WINDOW);
        }
        List<Long> found = new ArrayList<>();
        try (PreparedStatement p = listening.prepareStatement("SELECT seq FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
            p.setLong(1, from);
            p.setInt(2, MAX_HELD + CATCH_UP_WINDOW);
            try (java.sql.ResultSet r = p.executeQuery()) {
                while (r.next()) found.add(r.getLong(1));
            }
        }
        synchronized (this) {
            found.forEach(this::hold);
            if (found.size() >= MAX_HELD + CATCH_UP_WINDOW) missed = true;
            changed = true;
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

    /**
     * How often the listening connection asks the server something when no notification came: it
     * only waits for the server otherwise, and a route gone silent would go unnoticed for hours
     * (TCP's keepalive); asked, the server must answer within the socket timeout.
     */
    static final long PING_NANOS = 10_000_000_000L;

    /** The socket timeout holds for what is asked; the wait for notifications sets its own. */
    private Connection connect() throws SQLException {
        Connection c = url.connect("mutual listen", PostgresStore.SOCKET_TIMEOUT_SECONDS);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN \"" + channel + "\"");
        }
        return c;
    }

    private void run() {
        long backoff = 100;
        long lastHeard = System.nanoTime();
        while (!closed) {
            try {
                if (listening == null) {
                    listening = connect();
                    catchUp();
                    wake();
                    backoff = 100;
                    lastHeard = System.nanoTime();
                }
                PGNotification[] ns = listening.unwrap(PGConnection.class).getNotifications(500);
                if (ns != null && ns.length > 0) {
                    for (PGNotification n : ns) heard(n);
                    wake();
                    lastHeard = System.nanoTime();
                } else if (System.nanoTime() - lastHeard > PING_NANOS) {
                    try (Statement st = listening.createStatement()) {
                        st.execute("SELECT 1");
                    }
                    lastHeard = System.nanoTime();
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
