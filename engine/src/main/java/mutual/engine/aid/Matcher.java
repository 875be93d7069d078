package mutual.engine.aid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.event.Address;

/**
 * Finds and ranks the listings that fit one listing: reads only the covering cells of its reach
 * for each of its categories (never the whole index), keeps those that {@link Fit fit}, scores
 * them, and returns the best first (ties by address, so results repeat).
 */
final class Matcher {
    static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble((Ranked r) -> -r.score().score())
            .thenComparing(r -> r.listing().address().toString());

    private final ListingIndex index;
    private final Scorer scorer;

    Matcher(ListingIndex index, Scorer scorer) {
        this.index = index;
        this.scorer = scorer;
    }

    List<Ranked> rank(Listing l, long now, int limit) {
        if (!Fit.isLive(l, now)) return List.of();
        Set<Address> seen = new HashSet<>();
        List<Ranked> out = new ArrayList<>();
        for (Category c : l.categories()) {
            for (Listing cand : index.near(l.type().opposite(), c, l.geohash().centre(), l.reachKm())) {
                if (seen.add(cand.address()) && Fit.fits(l, cand, now)) out.add(new Ranked(cand, scorer.score(l, cand, now)));
            }
        }
        out.sort(BEST_FIRST);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
