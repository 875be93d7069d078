package mutual.store.sqlite;

import java.time.InstantSource;

/** A SQLite store's settings, as {@link SqliteStoreBuilder} gathers them. */
record SqliteOptions(int readers, int writerCacheKiB, int readerCacheKiB, long mmapBytes, int busyTimeoutMillis,
                     InstantSource clock, boolean durable, boolean wordsLater) {}
