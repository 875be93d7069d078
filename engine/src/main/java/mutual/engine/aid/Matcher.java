package mutual.engine.aid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.TimeWindow;
import mutual.protocol.event.Address;
import mutual.protocol.geo.LatLon;

/**
 * Finds and ranks the listings that fit one listing: reads only the covering cells of its reach
 * for each of its categories (never the whole index), keeps those that {@link Fit fit}, scores
 * each with the cheap numeric score, keeps the best few, and only for those writes the reasons.
 * Best first; ties by address, so results repeat.
 */
final class Matcher {
    static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble((Ranked r) -> -r.score().score())
            .thenComparing(r -> r.listing().address().toString());

    private record Scored(Listing listing, double value) {}

    /** Worst first, so the heap's head is the one to drop. */
    private static final Comparator<Scored> WORST_FIRST = Comparator.comparingDouble(Scored::value)
            .thenComparing((Scored s) -> s.listing().address().toString(), Comparator.reverseOrder());

    private final ListingIndex index;
    private final Scorer scorer;

    Matcher(ListingIndex index, Scorer scorer) {
        this.index = index;
        this.scorer = scorer;
    }

    List<Ranked> rank(Listing l, long now, int limit) {
        if (!Fit.isLive(l, now) || limit < 1) return List.of();
        LatLon centre = l.geohash().centre();
        double reach = l.reachKm();
        TimeWindow window = l.effectiveWindow();
        boolean several = l.categories().size() > 1;
        Set<Address> seen = several ? new HashSet<>() : Set.of();
        PriorityQueue<Scored> best = new PriorityQueue<>(WORST_FIRST);
        for (Category c : l.categories()) {
            for (ListingIndex.Spot s : index.near(l.type().opposite(), c, centre, reach)) {
                Listing o = s.listing();
                if (o.author().equals(l.author()) || (several && !seen.add(o.address()))) continue;
                double d = centre.distanceKm(s.centre());
                if (d > reach || d > s.reachKm() || !Fit.isLive(o, now) || !window.overlaps(o.effectiveWindow()) || scorer.blocked(l, o)) continue;
                best.add(new Scored(o, scorer.value(l, o, d, now)));
                if (best.size() > limit) best.poll();
            }
        }
        List<Ranked> out = new ArrayList<>(best.size());
        for (Scored s : best) out.add(new Ranked(s.listing(), scorer.score(l, s.listing(), now)));
        out.sort(BEST_FIRST);
        return out;
    }

    /**
     * The offers that fit a referred need beyond its reach (docs/protocol.md, "Referral"): by members
     * of the communities it reached, sharing a category, live, with overlapping windows; distance does
     * not count, since the linked community decides whether it can help from where it is. Reads the
     * whole index, which only needs that have waited the referral time unmatched ask for.
     */
    List<Ranked> referred(Listing need, List<Referral> steps, long now, int limit) {
        if (steps.isEmpty() || limit < 1) return List.of();
        java.util.Map<String, Referral> byMember = new java.util.HashMap<>();
        for (Referral r : steps) for (String m : r.members()) byMember.putIfAbsent(m, r);
        PriorityQueue<Scored> best = new PriorityQueue<>(WORST_FIRST);
        for (Listing o : index.all()) {
            if (o.type() != ListingType.OFFER || o.author().equals(need.author()) || !byMember.containsKey(o.author().hex())) continue;
            if (!Fit.sharesCategory(need, o) || !Fit.isLive(o, now) || !need.effectiveWindow().overlaps(o.effectiveWindow()) || scorer.blocked(need, o)) continue;
            best.add(new Scored(o, scorer.value(need, o, Fit.distanceKm(need, o), now)));
            if (best.size() > limit) best.poll();
        }
        List<Ranked> out = new ArrayList<>(best.size());
        for (Scored s : best) {
            MatchScore m = scorer.score(need, s.listing(), now);
            List<String> reasons = new ArrayList<>(m.reasons());
            reasons.add(byMember.get(s.listing().author().hex()).reason());
            out.add(new Ranked(s.listing(), new MatchScore(m.score(), m.distanceKm(), reasons)));
        }
        out.sort(BEST_FIRST);
        return out;
    }
}
