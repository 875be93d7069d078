package mutual.engine.aid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.TimeWindow;

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

    /** Scores {@code candidate} for {@code listing}, whose author is the one asking. */
    MatchScore score(Listing listing, Listing candidate, long now) {
        List<String> reasons = new ArrayList<>();
        List<Category> shared = listing.categories().stream().filter(candidate.categories()::contains).toList();
        long union = java.util.stream.Stream.concat(listing.categories().stream(), candidate.categories().stream()).distinct().count();
        double category = (double) shared.size() / union;
        reasons.add("category " + String.join(", ", shared.stream().map(Category::label).toList()));

        double d = Fit.distanceKm(listing, candidate), reach = Math.min(listing.reachKm(), candidate.reachKm());
        double distance = Math.max(0, 1 - d / reach);
        reasons.add(String.format(Locale.ROOT, "%.1f km apart (both reach %.0f km)", d, reach));

        TimeWindow a = listing.effectiveWindow(), b = candidate.effectiveWindow();
        long shorter = Math.max(1, Math.min(a.end() - a.start(), b.end() - b.start()));
        double time = Math.min(1, (double) a.overlapSeconds(b) / shorter);
        reasons.add(time >= 0.999 ? "available at the same time" : String.format(Locale.ROOT, "%.0f %% of the time window shared", time * 100));

        Listing need = listing.type() == ListingType.NEED ? listing : candidate;
        double urgency = switch (need.urgency()) { case URGENT -> 1; case NORMAL -> 0.5; case LOW -> 0.2; };
        if (need.urgency() != mutual.protocol.aid.Urgency.NORMAL) reasons.add("need is " + need.urgency().label());

        long age = Math.max(0, now - candidate.createdAt());
        double recency = Math.pow(0.5, (double) age / RECENCY_HALF_LIFE);
        reasons.add("posted " + ago(age));

        Trust t = trust.of(listing.author(), candidate.author());
        t.reason().ifPresent(r -> reasons.add("trusted: " + r));

        double score = W_CATEGORY * category + W_DISTANCE * distance + W_TIME * time + W_URGENCY * urgency
                + W_RECENCY * recency + W_TRUST * t.score();
        return new MatchScore(Math.min(1, Math.max(0, score)), d, reasons);
    }

    private static String ago(long s) {
        if (s < 3600) return (s / 60) + " min ago";
        if (s < 2 * 86400) return (s / 3600) + " h ago";
        return (s / 86400) + " days ago";
    }
}
