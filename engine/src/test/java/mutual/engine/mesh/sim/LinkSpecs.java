package mutual.engine.mesh.sim;

import java.util.List;
import mutual.protocol.event.Event;

/**
 * Checks that each link with a direction or filter ({@link Scenario.ExtraLink}) sent its peer
 * only what its spec allows: nothing at all over a DOWN link, and only events matching the
 * filter otherwise. The peer side is a simulated relay that records every EVENT it is sent.
 */
final class LinkSpecs {
    private LinkSpecs() {}

    static void check(Scenario s, List<String> problems) {
        for (Scenario.ExtraLink x : s.extras) {
            List<Event> sent = s.world.pushedOver(x.from().name(), x.to().name());
            String link = x.from().name() + " -> " + x.to().name() + " (" + x.spec().direction().label() + ", " + x.spec().filterJson() + ")";
            if (!x.spec().direction().sends() && !sent.isEmpty())
                problems.add("link " + link + " is down only, yet sent " + sent.size() + " events, e.g. " + sent.getFirst().id().hex().substring(0, 12));
            for (Event e : sent) {
                if (!x.spec().filter().matches(e)) {
                    problems.add("link " + link + " sent " + e.id().hex().substring(0, 12) + " of kind " + e.kind() + ", outside its filter");
                    break;
                }
            }
        }
    }
}
