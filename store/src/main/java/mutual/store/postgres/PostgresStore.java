package mutual.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.EventJson;
import mutual.protocol.filter.Filter;
import mutual.store.ChangeListener;
import mutual.store.EventStore;
import mutual.store.KeyChange;
import mutual.store.KeyVisitor;
import mutual.store.StoreException;
import mutual.store.StoreGauge;
import mutual.store.StoredEvent;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;
import org.flywaydb.core.Flyway;

/**
 * The store on a PostgreSQL server, for a node that outgrows one SQLite file and for several node
 * processes sharing one database (docs/node.md). The same contract as the SQLite store: a batch
 * is one transaction and {@link #write} returns after its commit (synchronous_commit on), so an
 * OK is never sent for an event a crash could lose. Schema: Flyway migrations beside this class;
 * rules: {@link PgWriter}; reads: {@link PgReads}; other processes' commits: {@link PgNotices}.
 */
public final class PostgresStore implements EventStore {
    private static final System.Logger LOG = System.getLogger(PostgresStore.class.getName());
    /** Attempts of a batch that PostgreSQL aborted for a deadlock or a serialization failure. */
    private static final int ATTEMPTS = 5;
    /** Rows removed per transaction by {@link #purgeExpired}, so no writer waits long. */
    static final int PURGE_BATCH = 1000;

    private final PgUrl url;
    /** How long a pooled connection waits for the server to answer before it gives up (see {@link #open}). */
    static final int SOCKET_TIMEOUT_SECONDS = 20;
    private final HikariDataSource pool;
    private final PgNotices notices;
    private final InstantSource clock;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private PgLeader leader;

    private PostgresStore(PgUrl url, HikariDataSource pool, PgNotices notices, InstantSource clock) {
        this.url = url;
        this.pool = pool;
        this.notices = notices;
        this.clock = clock;
    }

    public static PostgresStore open(String url) {
        return open(PgUrl.parse(url), 8, InstantSource.system());
    }

    /** Opens the database at {@code url}, bringing its schema up to date, with {@code connections} pooled connections. */
    public static PostgresStore open(PgUrl url, int connections, InstantSource clock) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        hc.setUsername(url.user());
        hc.setPassword(url.password());
        hc.setMaximumPoolSize(connections);
        hc.setMinimumIdle(1);
        hc.setPoolName("mutual-postgres");
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(10_000);
        // A network that fails silently (a dropped route, no reset) would leave a statement waiting
        // for hours: the driver gives up on a silent server after SOCKET_TIMEOUT_SECONDS, so the
        // writer answers error: and takes events again once the server is back. A URL may set its
        // own (?socketTimeout=N). Migrations run on connections of their own, without it.
        hc.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        // Durable OK: whatever the server's default, a commit returns only once it is on disk.
        // And a session whose client vanished mid-transaction (its network gone silent) is ended by
        // the server after a minute, letting go of the advisory locks the other processes wait for;
        // no transaction of the store waits on its client that long.
        hc.setConnectionInitSql("SET synchronous_commit TO on; SET idle_in_transaction_session_timeout TO '60s'");
        HikariDataSource pool = null;
        PgNotices notices = null;
        try {
            pool = new HikariDataSource(hc);
            var flyway = Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password()).locations("classpath:mutual/store/postgres/migrations")
                    .loggers("slf4j");
            url.schema().ifPresent(flyway::schemas);
            flyway.load().migrate();
            notices = new PgNotices(url, "mutual_events" + url.schema().map(s -> "_" + s).orElse(""));
            return new PostgresStore(url, pool, notices, clock);
        } catch (RuntimeException | SQLException e) {
            if (notices != null) notices.close();
            if (pool != null) pool.close();
            throw new StoreException("cannot open the PostgreSQL store " + url + ": " + rootMessage(e), e);
        }
    }

    /** The URL, without its password. */
    public PgUrl url() {
        return url;
    }

    @Override
    public List<WriteOutcome> write(List<Event> batch) {
        return writeEncoded(batch.stream().map(e -> new StoredEvent(e, EventJson.writeBytes(e))).toList());
    }

    @Override
    public synchronized List<WriteOutcome> writeEncoded(List<StoredEvent> batch) {
        PgWriter done = transaction("storing a batch of " + batch.size() + " events", c -> {
            PgWriter w = new PgWriter(c);
            w.write(batch);
            if (!w.changes().isEmpty()) notices.send(c, w.inserted());
            return w;
        });
        report(done.changes());
        return done.outcomes();
    }

    @Override
    public synchronized int purgeExpired(long now) {
        int total = 0;
        while (true) {
            List<KeyChange> removed = transaction("purging expired events", c -> {
                List<KeyChange> r = new ArrayList<>();
                new PgDeletions(c, r).remove("DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE expiration <= ? LIMIT ?)", now,
                        PURGE_BATCH);
                if (!r.isEmpty()) notices.send(c, List.of());
                return r;
            });
            report(removed);
            total += removed.size();
            if (removed.size() < PURGE_BATCH) return total;
        }
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection and commits it; a transaction
     * PostgreSQL aborted for a deadlock or a serialization failure runs again, from the start.
     */
    private <T> T transaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                T result;
                try {
                    result = work.on(c);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    // On a connection that failed these fail too: the first failure is the one to report.
                    try {
                        c.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                    throw e;
                }
                return result; // the pool sets auto-commit back when the connection returns to it
            } catch (SQLException e) {
                boolean retry = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!retry || attempt == ATTEMPTS) throw failure(what, e);
            }
        }
    }

    private void report(List<KeyChange> changes) {
        if (changes.isEmpty()) return;
        List<KeyChange> done = List.copyOf(changes);
        for (ChangeListener l : listeners) {
            try {
                l.changed(done);
            } catch (RuntimeException e) {
                // The commit stands; a failing observer must not turn it into a reported failure.
                LOG.log(System.Logger.Level.ERROR, "change listener failed", e);
            }
        }
    }

    @Override
    public void addChangeListener(ChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public List<StoredEvent> queryStored(List<Filter> filters, Viewer viewer, int maxLimit) {
        return read("a query", c -> new PgReads(c, viewer, now()).query(filters, maxLimit));
    }

    /**
     * Settles which events belong now, by their keys and sizes, and reads their JSON a page at a
     * time as the relay sends them, on a connection borrowed per page: an answer of 500 events of
     * 256 KB is never held whole.
     */
    @Override
    public mutual.store.Answer answer(List<Filter> filters, Viewer viewer, int maxLimit) {
        List<PgReads.Row> keys = read("a query", c -> new PgReads(c, viewer, now()).rows(filters, maxLimit, false));
        return new PgAnswer(keys, seqs -> read("reading an answer", c -> new PgReads(c, viewer, now()).json(seqs)));
    }

    @Override
    public long count(List<Filter> filters, Viewer viewer) {
        return read("a count", c -> new PgReads(c, viewer, now()).count(filters));
    }

    @Override
    public Optional<StoredEvent> get(EventId id) {
        return read("reading an event", c -> new PgReads(c, Viewer.node(), now()).get(id));
    }

    @Override
    public void scan(long since, long until, Consumer<StoredEvent> visitor) {
        long now = now();
        Optional<PgReads.Row> after = Optional.of(new PgReads.Row(0, since - 1, new byte[32], null, 0, 0, 0));
        while (after.isPresent()) {
            PgReads.Row a = after.get();
            byte[] afterId = a.createdAt() == since - 1 ? maxId() : a.id();
            after = read("a scan", c -> new PgReads(c, Viewer.node(), now).scanPage(a.createdAt(), afterId, until, 1000, visitor));
        }
    }

    private static byte[] maxId() {
        byte[] id = new byte[32];
        java.util.Arrays.fill(id, (byte) 0xff);
        return id;
    }

    /** In a transaction: PostgreSQL's JDBC driver reads through a cursor only then, not the whole answer into memory. */
    @Override
    public void scanKeys(KeyVisitor visitor) {
        transaction("listing keys", c -> {
            new PgReads(c, Viewer.node(), now()).allKeys(visitor);
            return null;
        });
    }

    @Override
    public long filterKeys(Filter filter, Viewer viewer, long max, KeyVisitor visitor) {
        return transaction("listing keys", c -> new PgReads(c, viewer, now()).keys(filter, max, visitor));
    }

    @Override
    public boolean changedElsewhere() {
        return notices.changed();
    }

    @Override
    public Elsewhere writtenElsewhere(int max) {
        PgNotices.Taken t = notices.take();
        List<Long> seqs = t.seqs().size() > max ? t.seqs().subList(t.seqs().size() - max, t.seqs().size()) : t.seqs();
        if (seqs.isEmpty()) return new Elsewhere(List.of(), t.missed());
        List<Event> events = read("reading what other processes stored",
                c -> new PgReads(c, Viewer.node(), now()).bySeq(seqs)).stream().map(StoredEvent::event).toList();
        return new Elsewhere(events, t.missed() || seqs.size() < t.seqs().size());
    }

    /** Leadership among the processes on this database (and schema): a session advisory lock (see {@link PgLeader}). */
    @Override
    public synchronized mutual.store.Leadership leadership() {
        if (leader == null) leader = new PgLeader(url);
        return leader;
    }

    @Override
    public boolean reportsWritesElsewhere() {
        return true;
    }

    @Override
    public void onChangedElsewhere(Runnable wake) {
        notices.onHeard(wake);
    }

    /** The connection pool: a pool always busy, or threads waiting for it, is a database that cannot keep up. */
    @Override
    public List<StoreGauge> gauges() {
        com.zaxxer.hikari.HikariPoolMXBean p = pool.getHikariPoolMXBean();
        return List.of(
                new StoreGauge("postgres.connections.active", "Pooled PostgreSQL connections in use", p::getActiveConnections),
                new StoreGauge("postgres.connections.idle", "Pooled PostgreSQL connections open and idle", p::getIdleConnections),
                new StoreGauge("postgres.connections.pending", "Threads waiting for a pooled PostgreSQL connection", p::getThreadsAwaitingConnection));
    }

    /** PostgreSQL's own estimate (as of its last ANALYZE): counting the rows of a large table takes seconds. */
    @Override
    public long approximateSize() {
        return read("estimating the number of events", c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass('events')")) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    @Override
    public long size() {
        return read("counting events", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM events")) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    /**
     * PostgreSQL checks its own pages (page checksums, WAL); this checks what is the store's own:
     * that every tag row belongs to an event and every event's id is 32 bytes.
     */
    @Override
    public Optional<String> integrityProblem() {
        try {
            return read("checking the database", c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT"
                        + " (SELECT COUNT(*) FROM events WHERE length(id) <> 32 OR length(pubkey) <> 32),"
                        + " (SELECT COUNT(*) FROM tags t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.seq = t.event))")) {
                    r.next();
                    if (r.getLong(1) == 0 && r.getLong(2) == 0) return Optional.<String>empty();
                    return Optional.of(r.getLong(1) + " events with a malformed id or pubkey, " + r.getLong(2) + " tags without their event");
                }
            });
        } catch (StoreException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Work on a pooled connection. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    <T> T read(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.on(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * A failed statement as the store reports it. SQLSTATE class 08 is the driver's for a connection
     * that failed or could not be made (a silent network after {@code socketTimeout} included), and
     * the pool says the same when no connection could be had in time: the server is unreachable.
     */
    private static StoreException failure(String what, SQLException e) {
        boolean unreachable = e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLNonTransientConnectionException
                || e.getSQLState() != null && e.getSQLState().startsWith("08");
        return new StoreException(what + " failed on PostgreSQL: " + e.getMessage(), e, unreachable);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (leader != null) leader.close();
        }
        notices.close();
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
