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
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation of the mesh: many nodes in one process over a simulated network
 * with loss, delay, reordering, partitions, crashes and restarts, and lying peers (see
 * {@link Scenario}), with replaceable events, deletions, directed and filtered links and runtime
 * peer changes. After the network heals, the honest nodes must hold the same set (or, with a leaf
 * node, what their links let flow to them), no acknowledged event may be lost unless superseded or
 * deleted, and no link may send or take what its spec forbids ({@link Invariants}).
 *
 * <p>By default a fixed set of seeds runs, as in CI. {@code -Dmutual.sim.seeds=N} runs N seeds
 * instead, from {@code -Dmutual.sim.firstSeed=S} (default 1), printing one line per seed; this is
 * what {@code scripts/simulate} does. A failure names its seed and how to run it again.
 * {@code -Dmutual.sim.log=FILE} also writes every message of the runs to FILE, for debugging one.
 */
class MeshSimulationTest {
    /** The seeds CI runs. */
    private static final long FIRST_CI_SEED = 1;
    private static final int CI_SEEDS = 20;

    @Test
    void honestNodesConvergeAndLoseNothing() throws IOException {
        String n = System.getProperty("mutual.sim.seeds", "");
        boolean extended = !n.isBlank();
        long first = extended ? Long.parseLong(System.getProperty("mutual.sim.firstSeed", "1")) : FIRST_CI_SEED;
        int count = extended ? Integer.parseInt(n) : CI_SEEDS;
        String logFile = System.getProperty("mutual.sim.log", "");
        try (PrintWriter log = logFile.isBlank() ? null : new PrintWriter(Files.newBufferedWriter(Path.of(logFile)))) {
            run(first, count, extended, log);
        }
    }

    private static void run(long first, int count, boolean extended, PrintWriter log) {
        List<Simulation.Result> failed = new ArrayList<>();
        for (long seed = first; seed < first + count; seed++) {
            if (log != null) log.println("seed " + seed);
            Simulation.Result r = Simulation.run(seed, log == null ? null : log::println);
            if (extended) System.out.println("sim " + (r.ok() ? "ok   " : "FAIL ") + r.summary());
            if (!r.ok()) {
                failed.add(r);
                System.out.println("sim FAIL " + r.report());
            }
        }
        if (extended) System.out.println("sim done: " + count + " seeds from " + first + ", " + failed.size() + " failed"
                + (failed.isEmpty() ? "" : ": " + failed.stream().map(r -> String.valueOf(r.seed())).toList()));
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
