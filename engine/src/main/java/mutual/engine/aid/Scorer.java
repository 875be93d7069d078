package mutual.engine.aid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.TimeWindow;
import mutual.protocol.aid.Urgency;

/**
 * Ranks a candidate for a listing that {@link Fit fits} it. The score is a weighted sum of parts
 * from 0 to 1: shared categories, nearness within the smaller reach, shared time, the need's
 * urgency, how recent the candidate is, and trust. Weights sum to 1.
 */
final class Scorer {
    static final double W_CATEGORY = 0.10, W_DISTANCE = 0.30, W_TIME = 0.15, W_URGENCY = 0.15, W_RECENCY = 0.10, W_TRUST = 0.20;
    /** A candidate loses half its recency part every this many seconds. */
    static final long RECENCY_HALF_LIFE = 7 * 86400;

    private final TrustScore trust;

    Scorer(TrustScore trust) {
        this.trust = trust;
    }

    /** Whether either side blocked the other (NIP-51): they are never matched. */
    boolean blocked(Listing listing, Listing candidate) {
        return trust.blocked(listing.author(), candidate.author()) || trust.blocked(candidate.author(), listing.author());
    }

    /** Scores {@code candidate} for {@code listing}, whose author is the one asking, with the reasons. */
    MatchScore score(Listing listing, Listing candidate, long now) {
        double d = Fit.distanceKm(listing, candidate);
        List<String> reasons = new ArrayList<>();
        List<Category> shared = listing.categories().stream().filter(candidate.categories()::contains).toList();
        reasons.add("category " + String.join(", ", shared.stream().map(Category::label).toList()));
        reasons.add(distanceReason(listing, candidate, d));
        double time = timePart(listing, candidate);
        reasons.add(time >= 0.999 ? "available at the same time" : String.format(Locale.ROOT, "%.0f %% of the time window shared", time * 100));
        Listing need = listing.type() == ListingType.NEED ? listing : candidate;
        if (need.urgency() != Urgency.NORMAL) reasons.add("need is " + need.urgency().label());
        reasons.add("posted " + ago(Math.max(0, now - candidate.createdAt())));
        Trust t = trust.of(listing.author(), candidate.author());
        t.reason().ifPresent(r -> reasons.add("trusted: " + r));
        return new MatchScore(value(listing, candidate, d, now), d, reasons);
    }

    /** The score alone, from the distance already computed: cheap enough to run on every candidate. */
    double value(Listing listing, Listing candidate, double distanceKm, long now) {
        int shared = 0;
        for (Category c : listing.categories()) if (candidate.categories().contains(c)) shared++;
        double category = (double) shared / (listing.categories().size() + candidate.categories().size() - shared);
        double distance = Math.max(0, 1 - distanceKm / Math.min(listing.reachKm(), candidate.reachKm()));
        Listing need = listing.type() == ListingType.NEED ? listing : candidate;
        double urgency = switch (need.urgency()) { case URGENT -> 1; case NORMAL -> 0.5; case LOW -> 0.2; };
        double recency = Math.pow(0.5, (double) Math.max(0, now - candidate.createdAt()) / RECENCY_HALF_LIFE);
        double score = W_CATEGORY * category + W_DISTANCE * distance + W_TIME * timePart(listing, candidate) + W_URGENCY * urgency
                + W_RECENCY * recency + W_TRUST * trust.of(listing.author(), candidate.author()).score();
        return Math.min(1, Math.max(0, score));
    }

    private static double timePart(Listing listing, Listing candidate) {
        TimeWindow a = listing.effectiveWindow(), b = candidate.effectiveWindow();
        long shorter = Math.max(1, Math.min(a.end() - a.start(), b.end() - b.start()));
        return Math.min(1, (double) a.overlapSeconds(b) / shorter);
    }

    /** The distance and each side's own reach, so a person sees the figures their listing gave, not only the smaller one. */
    static String distanceReason(Listing listing, Listing candidate, double d) {
        Listing need = listing.type() == ListingType.NEED ? listing : candidate, offer = need == listing ? candidate : listing;
        if (need.reachKm() == offer.reachKm()) return String.format(Locale.ROOT, "%.1f km apart (both reach %s km)", d, km(need.reachKm()));
        return String.format(Locale.ROOT, "%.1f km apart (the need reaches %s km, the offer %s km)", d, km(need.reachKm()), km(offer.reachKm()));
    }

    private static String km(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ago(long s) {
        if (s < 3600) return (s / 60) + " min ago";
        if (s < 2 * 86400) return (s / 3600) + " h ago";
        return (s / 86400) + " days ago";
    }
}
