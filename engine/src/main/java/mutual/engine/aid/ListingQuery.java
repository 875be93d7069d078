package mutual.engine.aid;

import java.util.Optional;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.ListingStatus;
import mutual.protocol.aid.ListingType;
import mutual.protocol.geo.Geohash;

/**
 * A search over listings (the API's {@code GET /api/listings}). Without a status, current
 * listings (open or matched) are searched. {@code radiusKm} applies around {@code near}; without
 * it, the radius is 10 km or the size of the {@code near} cell, whichever is larger.
 */
public record ListingQuery(Optional<ListingType> type, Optional<Category> category, Optional<Geohash> near,
                           Optional<Double> radiusKm, Optional<ListingStatus> status, Optional<String> text, int limit) {
    public static final int MAX_LIMIT = 500;

    public ListingQuery {
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        radiusKm.ifPresent(r -> {
            if (!(r > 0 && r <= mutual.protocol.aid.Listing.MAX_RADIUS_KM))
                throw new IllegalArgumentException("radius_km must be more than 0 and at most " + (int) mutual.protocol.aid.Listing.MAX_RADIUS_KM);
        });
        if (radiusKm.isPresent() && near.isEmpty()) throw new IllegalArgumentException("radius_km needs near (a geohash)");
    }

    public static ListingQuery all() {
        return new ListingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50);
    }

    /** The radius searched around {@link #near}. */
    public double effectiveRadiusKm() {
        double cell = near.map(g -> Math.max(Geohash.cellWidthKm(g.length()), Geohash.cellHeightKm(g.length()))).orElse(0.0);
        return radiusKm.orElse(Math.max(10, cell));
    }
}
