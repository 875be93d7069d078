package mutual.engine.mesh.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import mutual.protocol.event.EventId;

/**
 * Runs one seed of the mesh simulation: builds its {@link Scenario}, runs virtual time through
 * the chaos and the heal, checks the {@link Invariants}, and sums the run up. The same seed gives
 * the same run, down to every message: the {@link Result#trace()} hash proves it.
 */
public final class Simulation {
    /** One run: its one-line summary, its trace hash, and what went wrong (empty when nothing did). */
    public record Result(long seed, String summary, String trace, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** What to print when the run failed: the problems and how to run this seed again. */
        public String report() {
            return "seed " + seed + " failed (" + summary + "):\n  " + String.join("\n  ", problems) + "\n" + rerun(seed);
        }
    }

    private Simulation() {}

    public static String rerun(long seed) {
        return "rerun it with: scripts/simulate 1 " + seed
                + "  (or: mvn -pl engine test -Dtest=MeshSimulationTest -Dmutual.sim.seeds=1 -Dmutual.sim.firstSeed=" + seed + ")";
    }

    public static Result run(long seed) {
        return run(seed, null);
    }

    /** Runs {@code seed}, showing every message on the network to {@code log} (for debugging a failure). */
    public static Result run(long seed, Consumer<String> log) {
        return run(seed, log, NodeStore.Factory.MODEL);
    }

    /** Runs {@code seed} with each honest node's store opened by {@code stores} (a mixed mesh: {@link StoreMix}). */
    static Result run(long seed, Consumer<String> log, NodeStore.Factory stores) {
        long started = System.nanoTime();
        World world = new World(seed);
        world.network.log = log;
        world.stores = stores;
        Scenario scenario = new Scenario(world);
        List<String> problems = new ArrayList<>();
        try {
            scenario.schedule();
            world.time.runUntil(scenario.endMillis());
            problems.addAll(Invariants.check(scenario));
        } catch (RuntimeException e) {
            problems.add("the run broke at virtual time " + world.time.millis() + " ms: " + e.getMessage() + causes(e));
        }
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        return new Result(seed, summary(scenario, wallMillis), trace(scenario), problems);
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        for (StackTraceElement el : root.getStackTrace()) {
            if (sb.length() > 600) break;
            sb.append("\n      at ").append(el);
        }
        return sb.toString();
    }

    private static String summary(Scenario s, long wallMillis) {
        World w = s.world;
        SimStats st = w.stats;
        int set = s.honest.isEmpty() ? 0 : s.honest.getFirst().stored().size();
        return String.format("seed=%d nodes=%d liars=%d links=%d loss=%s chaos=%dm published=%d acked=%d set=%d messages=%d bytes=%d "
                        + "connects=%d cut=%d crashes=%d partitions=%d syncs=%d forgeries=%d/%d extraLinks=%d leaf=%s reconfigs=%d versions=%s/%d deletions=%s/%d community=%d/%d pushedOverExtras=%d refused=%d/%d burst=%d/%d trace=%s wall=%dms",
                w.seed, s.honest.size() + s.liars.size(), s.liars.size(), s.links.size(), s.loss,
                s.chaosMillis / Scenario.MINUTE, st.published, st.publishedAcked, set, st.messages, st.bytes, st.connects, st.connectionsCut,
                st.crashes, st.partitions, st.syncsOpened, st.forgeriesRejected, st.forgeriesSent, s.extras.size(), s.leaf == null ? "-" : s.leaf.name(), st.reconfigurations,
                s.versions, st.olderVersions, s.deletions, st.deletedRefused, s.community == null ? 0 : s.community.events.size(),
                s.community == null ? 0 : s.community.agreeing,
                s.extras.stream().mapToInt(x -> w.pushedOver(x.from().name(), x.to().name()).size()).sum(),
                st.refusedInFlight, st.refusedBusy, st.burstOnTime, st.burst, trace(s), wallMillis) + stores(s);
    }

    /** How many honest nodes each kind of store held, when not all were on the model. */
    private static String stores(Scenario s) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (SimNode n : s.honest) kinds.merge(n.store().kind(), 1, Integer::sum);
        return kinds.keySet().equals(Set.of("model")) ? "" : " stores=" + kinds;
    }

    /** A hash of everything a run decides: each honest node's final set, the acknowledgements, the counters. */
    static String trace(Scenario s) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        for (SimNode n : s.honest) {
            sb.append(n.name()).append(':');
            for (EventId id : n.stored().keySet()) sb.append(id.hex(), 0, 16).append(',');
            sb.append('\n');
        }
        s.world.ledger.all().forEach((id, a) -> sb.append(id.hex(), 0, 16).append(a).append('\n'));
        for (Map.Entry<String, Long> c : s.world.stats.traced().entrySet()) sb.append(c.getKey()).append('=').append(c.getValue()).append('\n');
        sb.append("tasks=").append(s.world.time.executed()).append(" now=").append(s.world.time.millis());
        return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
