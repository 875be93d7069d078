package mutual.engine.aid;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.event.EventId;

/**
 * A match as the node knows it: its state now, the node's score and reasons when it suggested
 * it, which sides accepted, and every step signed so far (oldest first).
 */
public record MatchView(String ref, MatchPair pair, MatchState state, Optional<Double> score, List<String> reasons,
                        Optional<EventId> suggestion, long since, Set<ListingType> acceptedBy, List<MatchEvent> steps) {
    public MatchView {
        reasons = List.copyOf(reasons);
        acceptedBy = Set.copyOf(acceptedBy);
        steps = List.copyOf(steps);
    }
}
