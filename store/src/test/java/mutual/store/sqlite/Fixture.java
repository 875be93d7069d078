package mutual.store.sqlite;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

/** The contract's keys and events, and a SQLite store on a real file with a fixed clock, for SQLite's own tests. */
class Fixture extends mutual.store.contract.Fixture {
    Fixture(long seed) {
        super(seed);
    }

    static SqliteStore store(Path dir) {
        return SqliteStore.builder(dir).readers(2).cacheKiB(4096, 2048).clock(InstantSource.fixed(Instant.ofEpochSecond(NOW))).open();
    }
}
