package mutual.engine.mesh.sim;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import mutual.store.contract.TestPostgres;
import mutual.store.postgres.PgUrl;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;

/**
 * The stores of one run's mixed mesh: honest node {@code hN} is kept on the model, SQLite and
 * PostgreSQL in turn ({@code N mod 3}), so every seed mixes the three whatever its size. SQLite
 * nodes get a folder each under {@code folder}; PostgreSQL nodes a schema each (named after the
 * folder and the node) in one database the caller made with {@link TestPostgres}. When no
 * PostgreSQL server answers, {@code database} gives null and those nodes are kept on SQLite.
 *
 * <p>Which node gets which store depends on its name only and draws nothing from the seed's
 * random sources; the stores' clock is the run's virtual clock. Every call is synchronous, and a
 * real store's answers depend on what it holds only: PostgreSQL's listening thread (what other
 * processes commit) feeds calls the simulation never makes. So a mixed run is the same function
 * of its seed as a run on the model, and, as long as the real stores answer as the model does,
 * the very same run.
 */
final class StoreMix implements NodeStore.Factory, AutoCloseable {
    static final String MODEL = "model", SQLITE = "sqlite", POSTGRESQL = "postgresql";
    private static final List<String> TURNS = List.of(MODEL, SQLITE, POSTGRESQL);

    private final Path folder;
    private final Supplier<String> database;
    private final List<RealStore> opened = new ArrayList<>();
    private final Map<String, String> kinds = new TreeMap<>();

    /**
     * @param folder an empty folder of this run alone
     * @param database the postgresql:// URL of a database to make schemas in, or null when none answers
     */
    StoreMix(Path folder, Supplier<String> database) {
        this.folder = folder;
        this.database = database;
    }

    @Override
    public NodeStore open(World world, String node) {
        String kind = TURNS.get(Integer.parseInt(node.substring(1)) % TURNS.size());
        InstantSource clock = world.time::now;
        String pg = kind.equals(POSTGRESQL) ? database.get() : null;
        if (kind.equals(POSTGRESQL) && pg == null) kind = SQLITE;
        kinds.put(node, kind);
        if (kind.equals(MODEL)) return new SimStore();
        RealStore s;
        if (kind.equals(SQLITE)) {
            Path dir = folder.resolve(node);
            s = new RealStore(kind, node, () -> SqliteStore.builder(dir).readers(1).clock(clock).open());
        } else {
            PgUrl url = PgUrl.parse(pg + "?currentSchema=" + folder.getFileName() + "_" + node);
            s = new RealStore(kind, node, () -> PostgresStore.open(url, 2, clock));
        }
        opened.add(s);
        return s;
    }

    /** Which store each node was given, by node name. */
    Map<String, String> kinds() {
        return kinds;
    }

    /** The real stores, in the order the nodes were made. */
    List<RealStore> real() {
        return opened;
    }

    @Override
    public void close() {
        for (RealStore s : opened) s.close();
    }
}
