package mutual.app.node;

import java.nio.file.Path;
import java.time.InstantSource;
import mutual.store.EventStore;
import mutual.store.postgres.PgUrl;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;

/** Opens the store the {@code store} setting names: SQLite in a data folder, or a PostgreSQL database. */
public final class Stores {
    /** Connections a node keeps to PostgreSQL: the writer's, and queries from the relay's threads. */
    static final int POSTGRES_CONNECTIONS = 8;

    private Stores() {}

    /**
     * {@code store} empty: SQLite in {@code data}, with the caches a node uses (small: the OS page
     * cache keeps hot pages anyway, and a node must stay within a small device's memory; no memory
     * map, since each connection maps the file on its own: measured with {@code mutual bench relay}
     * at 100,000 events, 565-578 MB with a 64 MiB map, 292 MB without, at the same query rates).
     */
    public static EventStore open(String store, Path data) {
        if (store.isBlank()) return SqliteStore.builder(data).cacheKiB(16 << 10, 8 << 10).mmapBytes(0).open();
        return PostgresStore.open(PgUrl.parse(store), POSTGRES_CONNECTIONS, InstantSource.system());
    }

    /** How a store is named to people: the SQLite file, or the URL without its password. */
    public static String describe(String store, Path data) {
        return store.isBlank() ? data.resolve(SqliteStore.FILE_NAME).toString() : PgUrl.parse(store).toString();
    }
}
