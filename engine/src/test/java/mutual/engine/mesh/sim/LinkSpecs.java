package mutual.engine.mesh.sim;

import java.util.List;
import mutual.protocol.event.Event;

/**
 * Checks that each link with a direction or filter ({@link Scenario.ExtraLink}) sent its peer
 * only what its spec allows, and took only that: nothing sent over a DOWN link, nothing asked
 * for and sent back over an UP link, and only events matching the filter either way. The peer
 * side is a simulated relay that records every EVENT it is sent and sends.
 */
final class LinkSpecs {
    private LinkSpecs() {}

    private static void outsideFilter(Scenario.ExtraLink x, String link, String verb, List<Event> events, List<String> problems) {
        for (Event e : events) {
            if (!x.spec().filter().matches(e)) {
                problems.add("link " + link + " " + verb + " " + e.id().hex().substring(0, 12) + " of kind " + e.kind() + ", outside its filter");
                return;
            }
        }
    }

    static void check(Scenario s, List<String> problems) {
        for (Scenario.ExtraLink x : s.extras) {
            List<Event> sent = s.world.pushedOver(x.from().name(), x.to().name());
            String link = x.from().name() + " -> " + x.to().name() + " (" + x.spec().direction().label() + ", " + x.spec().filterJson() + ")";
            if (!x.spec().direction().sends() && !sent.isEmpty())
                problems.add("link " + link + " is down only, yet sent " + sent.size() + " events, e.g. " + sent.getFirst().id().hex().substring(0, 12));
            outsideFilter(x, link, "sent", sent, problems);
            List<Event> got = s.world.pulledOver(x.from().name(), x.to().name());
            if (!x.spec().direction().receives() && !got.isEmpty())
                problems.add("link " + link + " is up only, yet was sent " + got.size() + " events, e.g. " + got.getFirst().id().hex().substring(0, 12));
            outsideFilter(x, link, "was sent", got, problems);
        }
    }
}
