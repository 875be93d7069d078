package mutual.engine.mesh.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;

/**
 * Which way events may flow between honest nodes once the network has healed: a backbone link
 * carries every event both ways; a link with a spec carries the events its filter matches from
 * the node that configured it to its peer when its direction sends, and back when it receives.
 * What must reach a node is what can flow to it, transitively; {@link #check} verifies it edge
 * by edge (each node holds what flows to it, or a newer version of it, or its deletion).
 */
final class Flows {
    /** Events matching {@code filter} flow from {@code from} to {@code to}. */
    record Flow(SimNode from, SimNode to, Filter filter) {}

    private Flows() {}

    static List<Flow> of(Scenario s) {
        List<Flow> flows = new ArrayList<>();
        Filter all = Filter.builder().build();
        for (SimNode[] l : s.links) {
            Scenario.ExtraLink x = s.extras.stream().filter(e -> e.from() == l[0] && e.to() == l[1]).findFirst().orElse(null);
            if (x == null) {
                flows.add(new Flow(l[0], l[1], all));
                flows.add(new Flow(l[1], l[0], all));
            } else {
                if (x.spec().direction().sends()) flows.add(new Flow(l[0], l[1], x.spec().filter()));
                if (x.spec().direction().receives()) flows.add(new Flow(l[1], l[0], x.spec().filter()));
            }
        }
        return flows;
    }

    /**
     * The honest nodes {@code e} must reach from {@code start}, {@code start} included: along the
     * flows whose filter matches it, through nodes that hold it (one that holds a newer version
     * or its deletion instead passes neither on; it is itself excused from holding it).
     */
    static Set<SimNode> reach(List<Flow> flows, SimNode start, Event e) {
        Set<SimNode> seen = new LinkedHashSet<>();
        Deque<SimNode> todo = new ArrayDeque<>();
        seen.add(start);
        todo.add(start);
        while (!todo.isEmpty()) {
            SimNode n = todo.poll();
            if (!n.stored().containsKey(e.id())) continue; // superseded or deleted there: it goes no further
            for (Flow f : flows) if (f.from() == n && f.filter().matches(e) && seen.add(f.to())) todo.add(f.to());
        }
        return seen;
    }

    /** Each flow delivered: every event its source holds and its filter matches is on its target, or excused there. */
    static void check(Scenario s, List<String> problems) {
        for (Flow f : of(s)) {
            int missing = 0;
            Event example = null;
            for (Event e : f.from().stored().values()) {
                if (!f.filter().matches(e) || f.to().stored().containsKey(e.id()) || VersionsAndDeletions.excused(f.to(), e)) continue;
                missing++;
                if (example == null) example = e;
            }
            if (missing > 0)
                problems.add("flow " + f.from().name() + " => " + f.to().name() + " (" + mutual.protocol.filter.FilterJson.write(f.filter()) + ") left "
                        + missing + " events behind, e.g. " + example.id().hex().substring(0, 12) + " of kind " + example.kind());
        }
    }
}
