package mutual.engine.mesh.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mutual.store.contract.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed meshes: the simulation with its honest nodes kept in turn on the model, SQLite and
 * PostgreSQL ({@link StoreMix}). Every invariant of {@link MeshSimulationTest} must hold; every
 * real store must answer as the model does at every call and hold what it holds at the end
 * ({@link RealStore}); and since the stores then answer alike, the mixed run must be the very run
 * of the same seed on the model alone, down to its trace hash.
 *
 * <p>PostgreSQL is the server of the store's own tests ({@link TestPostgres}: {@code
 * MUTUAL_TEST_POSTGRES}, or the role scripts/postgres-for-tests.sh makes), one throwaway database
 * for the class and a schema per node and run. When no server answers, the PostgreSQL nodes are
 * kept on SQLite, with a message saying how to run them on PostgreSQL. The SQLite nodes' files are
 * in memory where the machine allows ({@link #folder}).
 */
class MixedMeshTest {
    /**
     * Seeds whose stories touch every rule on the real stores, among the cheaper ones: 18 (versions,
     * deletions, three crashes and partitions; run twice) and 20 (a leaf node, a runtime peer change,
     * 79 versions refused as older and 205 events refused as deleted, four crashes). Each mixed run
     * of them spends most of its time in PostgreSQL's commits and reads.
     */
    private static final List<Long> SEEDS = List.of(18L, 20L);
    private static final TestPostgres.Databases DATABASES = new TestPostgres.Databases();
    private static String database;
    private static int runs;
    private static boolean toldSqlite;

    /** Where the runs' SQLite folders go (see {@link #folder}). */
    private static Path dir;

    @TempDir
    static Path tempDir;

    @Test
    void aMixedMeshRunsAsTheModelDoesAndItsStoresAgreeWithTheModel() {
        String n = System.getProperty("mutual.sim.mixedSeeds", "");
        if (!n.isBlank()) {
            moreSeeds(Long.parseLong(System.getProperty("mutual.sim.firstSeed", "1")), Integer.parseInt(n));
            return;
        }
        Set<String> kinds = new TreeSet<>();
        int reopened = 0;
        for (long seed : SEEDS) {
            try (StoreMix mix = mix()) {
                Checked c = check(seed, mix);
                System.out.println("mixed " + c.mixed().summary());
                if (!c.problems().isEmpty()) fail(String.join("\n", c.problems()));
                kinds.addAll(mix.kinds().values());
                for (RealStore s : mix.real()) if (s.opens() > 1) reopened++;
                if (seed == SEEDS.getFirst()) sameAgain(seed, c.mixed().trace());
            }
        }
        Set<String> expected = TestPostgres.unreachable().isPresent() ? Set.of(StoreMix.MODEL, StoreMix.SQLITE)
                : Set.of(StoreMix.MODEL, StoreMix.SQLITE, StoreMix.POSTGRESQL);
        assertEquals(expected, kinds, "the stores the seeds mixed");
        assertTrue(reopened > 0, "some real store lived through a crash of its node");
    }

    /** One seed on the model alone and on a mixed mesh, and what went wrong (empty when nothing did). */
    private record Checked(Simulation.Result mixed, List<String> problems) {}

    private static Checked check(long seed, StoreMix mix) {
        Simulation.Result model = Simulation.run(seed);
        Simulation.Result mixed = Simulation.run(seed, null, mix);
        List<String> problems = new ArrayList<>();
        if (!model.ok()) problems.add("on the model alone: " + model.report());
        if (!mixed.ok()) problems.add("on a mixed mesh, " + mix.kinds() + ": " + mixed.report());
        if (!model.trace().equals(mixed.trace()))
            problems.add("seed " + seed + " ran differently on " + mix.kinds() + " than on the model alone:\n  " + model.summary() + "\n  " + mixed.summary());
        if (!problems.isEmpty()) problems.add("rerun it on a mixed mesh with: MUTUAL_SIM_STORES=mixed scripts/simulate 1 " + seed);
        return new Checked(mixed, problems);
    }

    /**
     * {@code -Dmutual.sim.mixedSeeds=N} checks N seeds from {@code -Dmutual.sim.firstSeed} instead,
     * one line per seed ({@code MUTUAL_SIM_STORES=mixed scripts/simulate N} does that).
     */
    private static void moreSeeds(long first, int count) {
        List<Long> failed = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        long started = System.nanoTime();
        for (long seed = first; seed < first + count; seed++) {
            try (StoreMix mix = mix()) {
                Checked c = check(seed, mix);
                System.out.println("sim " + (c.problems().isEmpty() ? "ok   " : "FAIL ") + c.mixed().summary());
                if (!c.problems().isEmpty()) {
                    failed.add(seed);
                    details.append("\n").append(String.join("\n", c.problems()));
                    System.out.println("sim FAIL " + String.join("\n  ", c.problems()));
                }
            }
        }
        System.out.println("sim done: " + count + " seeds from " + first + " on mixed meshes in " + (System.nanoTime() - started) / 1_000_000_000
                + " s, " + failed.size() + " failed" + (failed.isEmpty() ? "" : ": " + failed));
        if (!failed.isEmpty()) fail(failed.size() + " of " + count + " seeds failed on mixed meshes: " + failed + details);
    }

    /**
     * On fresh stores, the same seed runs the same mixed story again. (It follows from running as
     * the model does, which {@link MeshSimulationTest} shows to be the same every time; checked
     * directly for the cheapest seed all the same, in case a store answered alike only once.)
     */
    private static void sameAgain(long seed, String trace) {
        try (StoreMix mix = mix()) {
            Simulation.Result again = Simulation.run(seed, null, mix);
            assertEquals(trace, again.trace(), "seed " + seed + " ran differently the second time on " + mix.kinds() + ": " + again.summary());
        }
    }

    /** The stores of a new run: a folder and, for PostgreSQL, schemas of their own. */
    private static synchronized StoreMix mix() {
        if (dir == null) dir = folder();
        return new StoreMix(dir.resolve("run" + runs++), MixedMeshTest::database);
    }

    /**
     * A folder in memory (/dev/shm) where the machine has one, else the test's temporary folder.
     * The simulation checks the stores' rules and reads, not what survives a power cut (CrashTest
     * and DurabilityTest do, on disk); and a commit's fsync on a busy disk made the runs several
     * times slower (seed 20: 7.9 s against 1.2 s on a loaded 2-core machine).
     */
    private static Path folder() {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm)) return Files.createTempDirectory(shm, "mutual-mixed-mesh-");
        } catch (IOException e) {
            System.err.println("MixedMeshTest: no folder in /dev/shm (" + e.getMessage() + "), the SQLite nodes write to " + tempDir);
        }
        return tempDir;
    }

    /** The class's database, made on first use; null when no server answers. */
    private static synchronized String database() {
        if (TestPostgres.unreachable().isPresent()) {
            if (!toldSqlite) System.err.println("MixedMeshTest: the nodes meant for PostgreSQL are kept on SQLite (" + TestPostgres.unreachable().get() + ")");
            toldSqlite = true;
            return null;
        }
        if (database == null) database = DATABASES.create();
        return database;
    }

    @AfterAll
    static synchronized void cleanUp() throws IOException {
        DATABASES.dropAll();
        database = null;
        if (dir != null && !dir.equals(tempDir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        dir = null;
    }
}
