package mutual.store.contract;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mutual.protocol.filter.Filter;
import mutual.store.Answer;
import mutual.store.EventStore;
import mutual.store.Viewer;
import mutual.store.postgres.PgUrl;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;
import mutual.store.sqlite.SqliteTestAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link EventStore} contract: every test class that extends this runs once against each
 * store, SQLite on a file and PostgreSQL in a throwaway database, with the same assertions.
 * {@link #store(Path)} opens the store a test names by a folder: the same folder, the same store
 * (for PostgreSQL, a schema of the class's database), so two stores on one folder are two
 * processes on one database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
public abstract class StoreContract {
    @Parameter protected Backend backend;
    @TempDir protected Path dir;

    private static final TestPostgres.Databases DATABASES = new TestPostgres.Databases();
    private static String database;
    private static final Map<Path, String> SCHEMAS = new HashMap<>();

    protected EventStore store(Path folder) {
        InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(Fixture.NOW));
        return switch (backend) {
            case SQLITE -> SqliteStore.builder(folder).readers(2).cacheKiB(4096, 2048).clock(clock).open();
            case POSTGRESQL -> PostgresStore.open(PgUrl.parse(postgresUrl(folder)), 4, clock);
        };
    }

    /** The postgresql:// URL of the schema standing for {@code folder}, made on first use. */
    protected static synchronized String postgresUrl(Path folder) {
        TestPostgres.unreachable().ifPresent(why -> Assumptions.abort(why));
        if (database == null) database = DATABASES.create();
        String schema = SCHEMAS.computeIfAbsent(folder, f -> "s" + SCHEMAS.size());
        return database + "?currentSchema=" + schema;
    }

    /** An answer read a page at a time; on SQLite with a random share of its JSON read with the keys. */
    protected Answer answer(EventStore s, List<Filter> filters, Viewer viewer, int maxLimit, Random r) {
        if (s instanceof SqliteStore sqlite) return SqliteTestAccess.answer(sqlite, filters, viewer, maxLimit, r.nextInt(3000));
        return s.answer(filters, viewer, maxLimit);
    }

    @AfterAll
    static synchronized void dropDatabases() {
        DATABASES.dropAll();
        database = null;
        SCHEMAS.clear();
    }
}
