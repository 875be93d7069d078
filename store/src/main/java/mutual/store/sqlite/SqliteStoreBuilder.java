package mutual.store.sqlite;

import java.nio.file.Path;
import java.time.InstantSource;

/** How {@link SqliteStore#builder(Path)} opens a store: sensible defaults, each one changeable. */
public final class SqliteStoreBuilder {
    private final Path dataDir;
    private int readers = 4;
    private int writerCacheKiB = 32 * 1024;
    private int readerCacheKiB = 16 * 1024;
    private long mmapBytes = 256L << 20;
    private int busyTimeoutMillis = 5000;
    private InstantSource clock = InstantSource.system();
    private boolean durable = true;
    private boolean wordsLater;

    SqliteStoreBuilder(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Read-only connections for concurrent queries (default 4). */
    public SqliteStoreBuilder readers(int n) {
        if (n < 1) throw new IllegalArgumentException("at least one reader connection is needed");
        this.readers = n;
        return this;
    }

    /** Page cache per connection: the writer's and each reader's (defaults 32 MiB and 16 MiB). */
    public SqliteStoreBuilder cacheKiB(int writer, int reader) {
        this.writerCacheKiB = writer;
        this.readerCacheKiB = reader;
        return this;
    }

    /** How much of the file SQLite reads through memory mapping (default 256 MiB; 0 turns it off). */
    public SqliteStoreBuilder mmapBytes(long bytes) {
        this.mmapBytes = bytes;
        return this;
    }

    public SqliteStoreBuilder busyTimeoutMillis(int ms) {
        this.busyTimeoutMillis = ms;
        return this;
    }

    /** What "now" is for NIP-40 expiry of reads. */
    public SqliteStoreBuilder clock(InstantSource clock) {
        this.clock = clock;
        return this;
    }

    /** Benchmarks only: {@code synchronous=NORMAL}, which may lose acknowledged events on power loss. */
    SqliteStoreBuilder unsafeNonDurableForBenchmarks() {
        this.durable = false;
        return this;
    }

    /**
     * For a bulk writer (a bundle import): the words of the events it stores are left to the
     * next process that idles or searches on this folder (a node), rather than indexed by this
     * one, during its writes or when it closes. A search on this store still finds them, since
     * it first brings the index up to date (TextIndex).
     */
    public SqliteStoreBuilder wordsLater() {
        this.wordsLater = true;
        return this;
    }

    public SqliteStore open() {
        return SqliteStore.open(dataDir, new SqliteOptions(readers, writerCacheKiB, readerCacheKiB, mmapBytes, busyTimeoutMillis, clock, durable, wordsLater));
    }
}
