package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;

/**
 * The end-of-run checks for replaceable and addressable events and NIP-09 deletions, over the
 * honest nodes: each address that had an acknowledged version is held by every node in exactly
 * one version, the winner (the newest acknowledged, lowest id at a tie; in seeds with a
 * {@link Scenario#leaf}, the newest of those that can flow to the node, or a newer one), and no
 * backbone node holds an event that a deletion held by any of them names (by the same author).
 */
final class VersionsAndDeletions {
    private VersionsAndDeletions() {}

    /** The event with {@code id}, as made by a client or as some honest node holds it; null if unknown. */
    static Event find(Scenario s, EventId id) {
        Event e = s.world.made.get(id);
        if (e != null) return e;
        for (SimNode n : s.honest) if ((e = n.stored().get(id)) != null) return e;
        return null;
    }

    /** Whether {@code n} may lack {@code e}: a newer version of its address is there, or its deletion is. */
    static boolean excused(SimNode n, Event e) {
        if (n.store().deleted(e)) return true;
        String a = SimStore.address(e);
        if (a == null) return false;
        for (Event held : n.stored().values()) if (a.equals(SimStore.address(held)) && SimStore.newer(held, e)) return true;
        return false;
    }

    static void check(Scenario s, List<String> problems) {
        List<Flows.Flow> flows = Flows.of(s);
        for (SimNode n : s.honest) {
            Map<String, Event> winners = new TreeMap<>(); // among the acknowledged versions that must reach n
            for (Map.Entry<EventId, Ledger.Ack> ack : s.world.ledger.all().entrySet()) {
                Event e = find(s, ack.getKey());
                String a = e == null ? null : SimStore.address(e);
                if (a == null) continue;
                SimNode acker = s.honest.stream().filter(h -> h.name().equals(ack.getValue().node())).findFirst().orElseThrow();
                if (Flows.reach(flows, acker, e).contains(n)) winners.merge(a, e, (x, y) -> SimStore.newer(y, x) ? y : x);
            }
            Map<String, List<Event>> held = new TreeMap<>();
            for (Event e : n.stored().values()) {
                String a = SimStore.address(e);
                if (a != null) held.computeIfAbsent(a, k -> new ArrayList<>()).add(e);
            }
            for (Map.Entry<String, Event> w : winners.entrySet()) {
                List<Event> versions = held.getOrDefault(w.getKey(), List.of());
                boolean newerHeld = versions.size() == 1 && SimStore.newer(versions.getFirst(), w.getValue()) && s.leaf != null;
                if ((versions.size() != 1 || !versions.getFirst().id().equals(w.getValue().id())) && !newerHeld)
                    problems.add("address " + w.getKey().substring(0, 12) + "…" + w.getKey().substring(64) + " on " + n.name() + " is held as "
                            + versions.stream().map(v -> v.id().hex().substring(0, 12) + "@" + v.createdAt()).toList() + ", not only its winner "
                            + w.getValue().id().hex().substring(0, 12) + "@" + w.getValue().createdAt());
            }
        }
        List<SimNode> backbone = s.backbone();
        for (SimNode deleter : backbone) {
            for (Event d : deleter.stored().values()) {
                if (d.kind() != SimStore.DELETION) continue;
                for (EventId id : SimStore.named(d)) {
                    for (SimNode n : backbone) {
                        Event e = n.stored().get(id);
                        if (e != null && e.pubkey().equals(d.pubkey()) && e.kind() != SimStore.DELETION)
                            problems.add("deleted event held: " + n.name() + " holds " + id.hex().substring(0, 12) + ", deleted by "
                                    + d.id().hex().substring(0, 12) + " (held by " + deleter.name() + ")");
                    }
                }
            }
        }
    }
}
