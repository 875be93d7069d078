package mutual.engine.mesh.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import mutual.engine.mesh.PeerLink;
import mutual.engine.mesh.PeerStatus;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventId;

/**
 * What must hold once the network has healed, checked over the honest nodes only:
 * <ol>
 *   <li>they all hold the same set of events (in seeds with a {@link Scenario#leaf}, all but the leaf);</li>
 *   <li>every event one of them acknowledged is on all of them, or all it can flow to in seeds
 *       with a leaf (nothing acknowledged is lost),
 *       unless a newer version of its address is there, or its author's deletion;</li>
 *   <li>none of them holds an event that fails verification (no forgery got in);</li>
 *   <li>every link between two of them is up (live, or reconciling again) and has finished a
 *       reconciliation within the last two intervals (a link that stopped reconciling would
 *       leave convergence to luck);</li>
 *   <li>each replaceable or addressable address is held in exactly its winning version, and no
 *       deleted event is held ({@link VersionsAndDeletions});</li>
 *   <li>links with a direction or filter sent only what their spec allows ({@link LinkSpecs});</li>
 *   <li>every link carried what it must: each node holds what its links let flow to it ({@link Flows});</li>
 *   <li>on the healed network, every event of a calm burst reached every backbone node promptly,
 *       through the live stream, not at the next reconciliation ({@link Scenario#late});</li>
 *   <li>every backbone node gives the same tally of the seed's community, byte for byte ({@link SimCommunity});</li>
 *   <li>in a mixed mesh, every real store answered as the model did all along, holds what the
 *       model holds after a restart, and passes its integrity check ({@link RealStore}).</li>
 * </ol>
 * Each violation is one line naming the nodes and events involved.
 */
final class Invariants {
    private static final int SHOWN = 3;

    private Invariants() {}

    static List<String> check(Scenario s) {
        List<String> problems = new ArrayList<>();
        sameSet(s, problems);
        nothingAcknowledgedLost(s, problems);
        nothingForged(s, problems);
        linksAlive(s, problems);
        if (s.world.stats.unreadableWritten > 0) {
            problems.add("unreadable negentropy: honest nodes wrote " + s.world.stats.unreadableWritten
                    + " messages that do not read back as written; the first: " + s.world.stats.firstUnreadable);
        }
        VersionsAndDeletions.check(s, problems);
        if (s.community != null) s.community.check(problems);
        LinkSpecs.check(s, problems);
        Flows.check(s, problems);
        if (!s.late.isEmpty())
            problems.add(s.late.size() + " events of the calm burst were late, e.g. " + String.join("; ", s.late.subList(0, Math.min(SHOWN, s.late.size()))));
        for (SimNode n : s.honest) problems.addAll(n.store().problems());
        return problems;
    }

    private static void sameSet(Scenario s, List<String> problems) {
        NavigableSet<EventId> union = new TreeSet<>();
        for (SimNode n : s.backbone()) union.addAll(n.stored().keySet());
        for (SimNode n : s.backbone()) {
            List<EventId> missing = new ArrayList<>();
            for (EventId id : union) if (!n.stored().containsKey(id)) missing.add(id);
            if (!missing.isEmpty())
                problems.add("sets differ: " + n.name() + " lacks " + missing.size() + " of the " + union.size() + " events the honest nodes hold, e.g. "
                        + describe(s, missing));
        }
    }

    private static void nothingAcknowledgedLost(Scenario s, List<String> problems) {
        List<String> lost = new ArrayList<>();
        List<Flows.Flow> flows = Flows.of(s);
        for (Map.Entry<EventId, Ledger.Ack> a : s.world.ledger.all().entrySet()) {
            List<String> lacking = new ArrayList<>();
            Event e = VersionsAndDeletions.find(s, a.getKey());
            SimNode acker = s.honest.stream().filter(n -> n.name().equals(a.getValue().node())).findFirst().orElseThrow();
            for (SimNode n : e == null ? s.honest : Flows.reach(flows, acker, e))
                if (!n.stored().containsKey(a.getKey()) && (e == null || !VersionsAndDeletions.excused(n, e))) lacking.add(n.name());
            if (!lacking.isEmpty())
                lost.add(a.getKey().hex().substring(0, 12) + " (acknowledged by " + a.getValue().node() + " from "
                        + a.getValue().source() + " at " + a.getValue().atMillis() + " ms) is missing on " + lacking);
        }
        if (!lost.isEmpty())
            problems.add(lost.size() + " acknowledged events lost, e.g. " + String.join("; ", lost.subList(0, Math.min(SHOWN, lost.size()))));
    }

    private static void nothingForged(Scenario s, List<String> problems) {
        for (SimNode n : s.honest) {
            for (Event e : n.stored().values()) {
                Optional<String> p = EventCheck.problem(e);
                if (p.isPresent()) problems.add("forgery stored: " + n.name() + " holds " + e.id().hex().substring(0, 12) + ": " + p.get());
            }
        }
    }

    private static void linksAlive(Scenario s, List<String> problems) {
        Instant now = s.world.time.now();
        Duration recent = s.world.syncInterval.multipliedBy(2);
        for (SimNode[] link : s.links) {
            Optional<PeerStatus> status = link[0].mesh().links().stream().filter(l -> l.spec().url().equals(link[1].url()))
                    .map(PeerLink::status).findFirst();
            if (status.isEmpty()) {
                problems.add("link missing: " + link[0].name() + " has no link to " + link[1].name());
                continue;
            }
            PeerStatus st = status.get();
            boolean recentSync = st.lastSyncAt().map(t -> !t.isBefore(now.minus(recent))).orElse(false);
            boolean working = st.state().working();
            st.lastSync().filter(r -> !r.fallback().isEmpty()).ifPresent(r -> problems.add("fallback between honest nodes: "
                    + link[0].name() + " -> " + link[1].name() + ": " + r.fallback()));
            if (!working || !recentSync)
                problems.add("link stuck: " + link[0].name() + " -> " + link[1].name() + " is " + st.state() + ", last sync "
                        + st.lastSyncAt().map(t -> Duration.between(t, now).toSeconds() + " s ago").orElse("never") + ", errors " + st.errors()
                        + ", last error '" + st.lastError() + "'");
        }
    }

    private static String describe(Scenario s, List<EventId> ids) {
        StringBuilder sb = new StringBuilder();
        for (EventId id : ids.subList(0, Math.min(SHOWN, ids.size()))) {
            List<String> holders = new ArrayList<>();
            for (SimNode n : s.honest) if (n.stored().containsKey(id)) holders.add(n.name());
            Ledger.Ack a = s.world.ledger.all().get(id);
            sb.append(id.hex(), 0, 12).append(" (on ").append(holders);
            if (a != null) sb.append(", first acknowledged by ").append(a.node()).append(" from ").append(a.source()).append(" at ").append(a.atMillis()).append(" ms");
            sb.append(") ");
        }
        return sb.toString().trim();
    }
}
