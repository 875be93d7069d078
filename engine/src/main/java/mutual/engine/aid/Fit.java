package mutual.engine.aid;

import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingStatus;

/**
 * Whether a need and an offer may be suggested to each other at all (docs/protocol.md,
 * "Matching"): both open and unexpired, different people, a shared category, each within the
 * other's reach, and windows that overlap and have not passed.
 */
final class Fit {
    private Fit() {}

    static boolean fits(Listing a, Listing b, long now) {
        if (a.type() == b.type() || a.author().equals(b.author())) return false;
        if (!isLive(a, now) || !isLive(b, now)) return false;
        if (!sharesCategory(a, b)) return false;
        if (distanceKm(a, b) > Math.min(a.reachKm(), b.reachKm())) return false;
        return a.effectiveWindow().overlaps(b.effectiveWindow());
    }

    /** Open, not expired, and its window has not ended. */
    static boolean isLive(Listing l, long now) {
        return l.status() == ListingStatus.OPEN && !l.isExpired(now) && l.effectiveWindow().end() >= now;
    }

    static boolean sharesCategory(Listing a, Listing b) {
        for (Category c : a.categories()) if (b.categories().contains(c)) return true;
        return false;
    }

    static double distanceKm(Listing a, Listing b) {
        return a.geohash().distanceKm(b.geohash());
    }
}
