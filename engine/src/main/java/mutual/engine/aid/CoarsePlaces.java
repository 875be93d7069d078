package mutual.engine.aid;

import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Verdict;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.event.Event;

/**
 * A public listing names a place no finer than the {@code precise} level, 7 geohash characters
 * (about 150 × 150 m): docs/protocol.md, "Location". A finer cell (9 characters is a 5 m cell, a
 * front door) is refused, not stored and served: the node cannot coarsen a signed event, and
 * exact places go only into encrypted messages. The author is told why and can post again.
 */
final class CoarsePlaces {
    private CoarsePlaces() {}

    /** Geohash characters of the {@code precise} level, the finest a public listing may use. */
    static final int FINEST = mutual.protocol.geo.Precision.PRECISE.chars();

    static Policy policy() {
        return Policy.of("coarse-places", c -> {
            int finest = isMutualListing(c.event()) ? longestCell(c.event()) : 0;
            if (finest <= FINEST) return Verdict.accept();
            return Verdict.reject(Prefix.INVALID, "a public listing's place is at most " + FINEST + " geohash characters (about 150 m), this one has "
                    + finest + "; give the exact place only in an encrypted message (docs/protocol.md, Location)");
        });
    }

    private static boolean isMutualListing(Event e) {
        return e.kind() == AidKinds.LISTING
                && e.tags().stream().anyMatch(t -> t.size() > 1 && t.name().equals("L") && t.values().get(1).equals(AidKinds.NS_TYPE));
    }

    private static int longestCell(Event e) {
        return e.tags().stream().filter(t -> t.size() > 1 && t.name().equals("g")).mapToInt(t -> t.values().get(1).length()).max().orElse(0);
    }
}
