package mutual.engine.aid;

import java.util.List;

/** How well two listings fit, from 0 to 1, with the reasons a person reads, and the distance between their cells. */
public record MatchScore(double score, double distanceKm, List<String> reasons) {
    public MatchScore {
        reasons = List.copyOf(reasons);
    }
}
