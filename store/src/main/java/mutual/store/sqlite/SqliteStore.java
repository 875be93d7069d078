package mutual.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventJson;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.ChangeListener;
import mutual.store.Answer;
import mutual.store.EventStore;
import mutual.store.OwnerOnly;
import mutual.store.KeyChange;
import mutual.store.KeyVisitor;
import mutual.store.StoreException;
import mutual.store.StoredEvent;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;

/**
 * The embedded store: one SQLite file, {@code mutual.db}, in the node's data folder. One writer
 * connection (WAL, its log synced by {@link WalSync}) serves the writer thread; a few read-only
 * connections serve queries from any thread. Schema, access paths and the NIP rules it applies:
 * {@code V001__events.sql}, {@link FilterSql}, {@link EventWriter}, {@link Deletions}; the
 * full-text index is filled after the commits that store events, by {@link TextIndex}.
 */
public final class SqliteStore implements EventStore {
    public static final String FILE_NAME = "mutual.db";

    private final Path file;
    private final SqliteOptions options;
    private final Connection writerConnection;
    private final EventWriter writer;
    private final ReaderPool readers;
    private final Changes changes;
    private final WalSync walSync;
    /** Used under the store's lock, like the writer: it shares the writer's connection. */
    private final TextIndex text;
    private final List<ChangeListener> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Used under the store's lock: it reads on the writer's connection. */
    private final OtherWriters others;

    public static SqliteStoreBuilder builder(Path dataDir) {
        return new SqliteStoreBuilder(dataDir);
    }

    /** Opens (creating the folder and file if missing) with default settings. */
    public static SqliteStore open(Path dataDir) {
        return builder(dataDir).open();
    }

    static SqliteStore open(Path dataDir, SqliteOptions o) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            // SQLite gives its -wal and -shm files the database file's mode, so 0600 here covers them.
            OwnerOnly.folder(dataDir);
            OwnerOnly.file(file);
            OwnerOnly.ifExists(dataDir.resolve(FILE_NAME + "-wal"));
            OwnerOnly.ifExists(dataDir.resolve(FILE_NAME + "-shm"));
        } catch (IOException e) {
            throw new StoreException("cannot create the data folder " + dataDir + " readable by its owner only: " + e.getMessage(), e);
        }
        Connection w = null;
        List<Connection> rs = new ArrayList<>();
        try {
            w = Connections.writer(file, o);
            Migrations.apply(w, o.clock().instant().getEpochSecond());
            for (int i = 0; i < o.readers(); i++) rs.add(Connections.reader(file, o));
            EventWriter writer = new EventWriter(w);
            return new SqliteStore(file, o, w, writer, rs, new OtherWriters(w, writer.statements(), writer.own()));
        } catch (SQLException | RuntimeException e) {
            for (Connection c : rs) closeQuietly(c);
            if (w != null) closeQuietly(w);
            if (e instanceof StoreException se) throw se;
            throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    private SqliteStore(Path file, SqliteOptions options, Connection writerConnection, EventWriter writer, List<Connection> readerConnections,
                        OtherWriters others) {
        this.others = others;
        this.file = file;
        this.options = options;
        this.writerConnection = writerConnection;
        this.writer = writer;
        this.readers = new ReaderPool(readerConnections);
        this.changes = new Changes(writerConnection);
        this.walSync = new WalSync(file, options.durable());
        this.text = new TextIndex(writer.statements());
    }

    public Path file() {
        return file;
    }

    @Override
    public List<WriteOutcome> write(List<Event> batch) {
        return writeEncoded(batch.stream().map(e -> new StoredEvent(e, EventJson.writeBytes(e))).toList());
    }

    @Override
    public List<WriteOutcome> writeEncoded(List<StoredEvent> batch) {
        List<WriteOutcome> out = writeDeferred(batch);
        sync();
        return out;
    }

    @Override
    public synchronized List<WriteOutcome> writeDeferred(List<StoredEvent> batch) {
        try {
            List<WriteOutcome> out = writer.write(batch);
            walSync.committed();
            report();
            if (!options.wordsLater()) text.stored(out.stream().filter(o -> o instanceof WriteOutcome.Stored).count());
            return out;
        } catch (SQLException e) {
            throw new StoreException("storing a batch of " + batch.size() + " events failed: " + e.getMessage(), e);
        }
    }

    /** Whether a commit awaits {@link #sync()} (tests). */
    boolean syncPendingForTests() {
        return walSync.pending();
    }

    /** Not under the store's lock: the writer commits the next batch while the disk catches up. */
    @Override
    public void sync() {
        try {
            walSync.sync();
        } catch (java.io.IOException e) {
            throw new StoreException("cannot sync the database's log to disk: " + e.getMessage(), e);
        }
    }

    /** Indexes the words of up to {@code max} stored events that wait for it (from any process). */
    @Override
    public synchronized int catchUp(int max) {
        if (options.wordsLater()) return 0;
        try {
            return text.indexNext(max);
        } catch (SQLException e) {
            throw new StoreException("indexing the words of stored events failed: " + e.getMessage(), e);
        }
    }

    /** Before a search: every event stored so far, by any process, has its words indexed. */
    private void textUpToDate(List<Filter> filters) {
        if (filters.stream().noneMatch(f -> f.search().isPresent())) return;
        synchronized (this) {
            try {
                text.upToDate();
            } catch (SQLException e) {
                throw new StoreException("cannot bring the word index up to date: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized int purgeExpired(long now) {
        try {
            int n = writer.purgeExpired(now);
            walSync.committed();
            report();
            return n;
        } catch (SQLException e) {
            throw new StoreException("purging expired events failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredEvent> queryStored(List<Filter> filters, Viewer viewer, int maxLimit) {
        textUpToDate(filters);
        long now = now();
        return readers.read(r -> new Reads(r, viewer, now).query(filters, maxLimit));
    }

    /** JSON read with an answer's keys, so that a small answer takes one read, as {@link #queryStored} does. */
    static final long ANSWER_PREFETCH_BYTES = 256 << 10;

    @Override
    public Answer answer(List<Filter> filters, Viewer viewer, int maxLimit) {
        return answer(filters, viewer, maxLimit, ANSWER_PREFETCH_BYTES);
    }

    /** As {@link #answer(List, Viewer, int)}, reading the JSON of the first {@code prefetchBytes} with the keys. */
    Answer answer(List<Filter> filters, Viewer viewer, int maxLimit, long prefetchBytes) {
        textUpToDate(filters);
        long now = now();
        List<Reads.Row> keys = readers.read(r -> new Reads(r, viewer, now).answerKeys(filters, maxLimit, prefetchBytes));
        return new PagedAnswer(keys, page -> readers.read(r -> new Reads(r, viewer, now()).bodies(page)));
    }

    @Override
    public long count(List<Filter> filters, Viewer viewer) {
        textUpToDate(filters);
        long now = now();
        return readers.read(r -> new Reads(r, viewer, now).count(filters));
    }

    @Override
    public Optional<StoredEvent> get(EventId id) {
        long now = now();
        return readers.read(r -> new Reads(r, Viewer.node(), now).get(id));
    }

    @Override
    public void scan(long since, long until, Consumer<StoredEvent> visitor) {
        long now = now();
        Optional<Map.Entry<Long, byte[]>> after = Optional.of(Map.entry(since - 1, Reads.maxId()));
        while (after.isPresent()) {
            Map.Entry<Long, byte[]> a = after.get();
            after = readers.read(r -> new Reads(r, Viewer.node(), now).scanPage(a.getKey(), a.getValue(), until, 1000, visitor));
        }
    }

    @Override
    public void scanKeys(KeyVisitor visitor) {
        long now = now();
        readers.read(r -> {
            new Reads(r, Viewer.node(), now).allKeys(visitor);
            return null;
        });
    }

    @Override
    public long filterKeys(Filter filter, Viewer viewer, long max, KeyVisitor visitor) {
        textUpToDate(List.of(filter));
        long now = now();
        return readers.read(r -> new Reads(r, viewer, now).keys(filter, max, visitor));
    }

    @Override
    public synchronized boolean changedElsewhere() {
        try {
            return others.changed();
        } catch (SQLException e) {
            throw new StoreException("cannot read the database's data version: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Elsewhere writtenElsewhere(int max) {
        try {
            return others.written(max);
        } catch (SQLException e) {
            throw new StoreException("cannot read what other processes stored: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void addChangeListener(ChangeListener listener) {
        try {
            changes.install();
        } catch (SQLException e) {
            throw new StoreException("cannot record changes: " + e.getMessage(), e);
        }
        changeListeners.add(listener);
    }

    /** Hands what the last commit changed to the listeners (on the writer's thread, after the commit). */
    private void report() throws SQLException {
        if (!changes.installed()) return;
        List<KeyChange> done = changes.drain();
        if (done.isEmpty()) return;
        for (ChangeListener l : changeListeners) {
            try {
                l.changed(done);
            } catch (RuntimeException e) {
                // The commit stands; a failing observer must not turn it into a reported failure.
                System.getLogger(SqliteStore.class.getName()).log(System.Logger.Level.ERROR, "change listener failed", e);
            }
        }
    }

    @Override
    public long size() {
        return readers.read(r -> {
            try (Statement s = r.connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public Optional<String> integrityProblem() {
        return readers.read(r -> {
            List<String> lines = new ArrayList<>();
            try (Statement s = r.connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) lines.add(rs.getString(1));
            }
            return lines.equals(List.of("ok")) ? Optional.empty() : Optional.of(String.join("\n", lines));
        });
    }

    /** The query plan SQLite chose for a filter's first page, for tests that keep plans on indexes. */
    List<String> explain(Filter f, Viewer viewer, int limit) {
        long now = now();
        return readers.read(r -> new Reads(r, viewer, now).explain(FilterSql.of(f, viewer, now).page(limit, 0, Optional.empty()).get(0)));
    }

    Connection writerConnectionForTests() {
        return writerConnection;
    }

    SqliteOptions options() {
        return options;
    }

    private long now() {
        return options.clock().instant().getEpochSecond();
    }

    @Override
    public synchronized void close() {
        try {
            // A command that stored events leaves their words indexed, unless it leaves them to a node.
            if (!options.wordsLater()) text.upToDate();
        } catch (SQLException | RuntimeException e) {
            // the next process to search or idle carries on from the mark
            System.getLogger(SqliteStore.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
        try {
            walSync.sync();
            walSync.close();
        } catch (java.io.IOException ignored) {
            // closing: SQLite syncs the log itself when the last connection checkpoints it
        }
        readers.close();
        writer.close();
        try (Statement s = writerConnection.createStatement()) {
            // Keeps the planner's statistics fresh for the next start; cheap when nothing changed.
            s.executeUpdate("PRAGMA optimize");
        } catch (SQLException ignored) {
            // best effort at shutdown
        }
        closeQuietly(writerConnection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more can be done at this point
        }
    }
}
