package mutual.engine.mesh.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation of the mesh: many nodes in one process over a simulated network
 * with loss, delay, reordering, partitions, crashes and restarts, and lying peers (see
 * {@link Scenario}), with replaceable events, deletions, directed and filtered links and runtime
 * peer changes. After the network heals, the honest nodes must hold the same set (or, with a leaf
 * node, what their links let flow to them), no acknowledged event may be lost unless superseded or
 * deleted, and no link may send or take what its spec forbids ({@link Invariants}).
 *
 * <p>By default a fixed set of seeds runs, as in CI: {@link #CI_SEEDS} seeds from 1, and the
 * {@link #REGRESSION_SEEDS} that once failed. {@code -Dmutual.sim.seeds=N} runs N seeds instead,
 * from {@code -Dmutual.sim.firstSeed=S} (default 1), printing one line per seed in seed order;
 * this is what {@code scripts/simulate} does. {@code -Dmutual.sim.threads=T} runs T seeds at a
 * time (each seed is its own world, so its run does not change). A failure names its seed and how
 * to run it again. {@code -Dmutual.sim.log=FILE} also writes every message of the runs to FILE,
 * for debugging one (one thread then).
 */
class MeshSimulationTest {
    /** The seeds CI runs. */
    private static final long FIRST_CI_SEED = 1;
    private static final int CI_SEEDS = 20;
    /**
     * Seeds that failed once, run in CI as well. 994 and 2760: a reply cut by the 4,096-byte frame
     * limit after an IdList over the last range of a 122-event set carried one more range after
     * infinity, which the peer refused at every sync (issue 15, section 3).
     */
    private static final List<Long> REGRESSION_SEEDS = List.of(994L, 2760L);

    @Test
    void honestNodesConvergeAndLoseNothing() throws IOException {
        String n = System.getProperty("mutual.sim.seeds", "");
        boolean extended = !n.isBlank();
        List<Long> seeds = new ArrayList<>();
        if (extended) {
            long first = Long.parseLong(System.getProperty("mutual.sim.firstSeed", "1"));
            for (long seed = first; seed < first + Integer.parseInt(n); seed++) seeds.add(seed);
        } else {
            for (long seed = FIRST_CI_SEED; seed < FIRST_CI_SEED + CI_SEEDS; seed++) seeds.add(seed);
            seeds.addAll(REGRESSION_SEEDS);
        }
        String logFile = System.getProperty("mutual.sim.log", "");
        int threads = logFile.isBlank() ? Math.max(1, Integer.getInteger("mutual.sim.threads", 1)) : 1;
        try (PrintWriter log = logFile.isBlank() ? null : new PrintWriter(Files.newBufferedWriter(Path.of(logFile)))) {
            run(seeds, threads, extended, log);
        }
    }

    private static void run(List<Long> seeds, int threads, boolean extended, PrintWriter log) {
        long started = System.nanoTime();
        List<Simulation.Result> failed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Simulation.Result>> runs = new ArrayList<>();
            for (long seed : seeds) {
                runs.add(pool.submit(() -> {
                    if (log != null) log.println("seed " + seed);
                    return Simulation.run(seed, log == null ? null : log::println);
                }));
            }
            for (Future<Simulation.Result> run : runs) {
                Simulation.Result r = run.get();
                if (extended) System.out.println("sim " + (r.ok() ? "ok   " : "FAIL ") + r.summary());
                if (!r.ok()) {
                    failed.add(r);
                    System.out.println("sim FAIL " + r.report());
                }
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("the simulation run broke: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        String from = seeds.isEmpty() ? "" : " from " + seeds.getFirst();
        if (extended) System.out.println("sim done: " + seeds.size() + " seeds" + from + " on " + threads + " threads in " + seconds + " s, "
                + failed.size() + " failed" + (failed.isEmpty() ? "" : ": " + failed.stream().map(r -> String.valueOf(r.seed())).toList()));
        int count = seeds.size();
        if (!failed.isEmpty()) {
            StringBuilder sb = new StringBuilder(failed.size() + " of " + count + " seeds failed: "
                    + failed.stream().map(r -> String.valueOf(r.seed())).toList());
            for (Simulation.Result r : failed) sb.append("\n").append(r.report());
            fail(sb.toString());
        }
    }

    @Test
    void aSeedRunsTheSameEveryTime() {
        Simulation.Result a = Simulation.run(7), b = Simulation.run(7);
        assertTrue(a.ok(), a::report);
        assertEquals(a.trace(), b.trace(), "seed 7 ran differently the second time:\n" + a.summary() + "\n" + b.summary());
    }
}
