package mutual.engine.aid;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingStatus;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.TimeWindow;
import mutual.protocol.aid.Urgency;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.EventId;
import mutual.protocol.geo.Geohash;

/**
 * Seeded random listings (as records, unsigned, so that a million are cheap) over a box of the
 * earth, with every field the matcher looks at varied: categories, precision, radius, windows,
 * urgency, status, expiry and a few authors who post more than once.
 */
final class RandomListings {
    private final Random random;
    private final double minLat, maxLat, minLon, maxLon;
    private final PubKey[] authors;
    private final long now;
    private long serial;

    RandomListings(long seed, double minLat, double maxLat, double minLon, double maxLon, int authors, long now) {
        this.random = new Random(seed);
        this.minLat = minLat;
        this.maxLat = maxLat;
        this.minLon = minLon;
        this.maxLon = maxLon;
        this.now = now;
        this.authors = new PubKey[authors];
        for (int i = 0; i < authors; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            this.authors[i] = PubKey.of(b);
        }
    }

    /** Europe, roughly: the continent of the benchmark. */
    static RandomListings europe(long seed, int authors, long now) {
        return new RandomListings(seed, 36, 70, -10, 40, authors, now);
    }

    Listing next() {
        int[] lengths = {4, 5, 5, 5, 6, 7};
        Geohash g = Geohash.encode(minLat + random.nextDouble() * (maxLat - minLat), minLon + random.nextDouble() * (maxLon - minLon),
                lengths[random.nextInt(lengths.length)]);
        Category[] all = Category.values();
        Category c1 = all[random.nextInt(all.length)];
        List<Category> cats = random.nextInt(4) == 0 ? List.of(c1, all[(c1.ordinal() + 1 + random.nextInt(all.length - 1)) % all.length]) : List.of(c1);
        long created = now - random.nextInt(30 * 86400);
        Optional<TimeWindow> window = random.nextInt(3) == 0 ? Optional.empty()
                : Optional.of(new TimeWindow(now - random.nextInt(10 * 86400), now + random.nextInt(20 * 86400)));
        if (random.nextInt(20) == 0) window = Optional.of(new TimeWindow(now - 20 * 86400, now - 86400 - random.nextInt(86400))); // passed
        Optional<Long> expiration = random.nextInt(4) == 0 ? Optional.empty() : Optional.of(now + random.nextInt(30 * 86400) - 3 * 86400);
        ListingStatus status = random.nextInt(15) == 0 ? ListingStatus.MATCHED : ListingStatus.OPEN;
        Optional<Double> radius = random.nextInt(4) == 0 ? Optional.empty() : Optional.of(1 + random.nextDouble() * (random.nextInt(10) == 0 ? 200 : 30));
        byte[] id = new byte[32];
        random.nextBytes(id);
        PubKey author = authors[random.nextInt(authors.length)];
        return new Listing(new Address(30402, author, "l" + (serial++)), EventId.of(id), created,
                random.nextBoolean() ? ListingType.NEED : ListingType.OFFER, cats, List.of(), "listing " + serial, Optional.empty(), "",
                Optional.empty(), g, radius, Optional.empty(), Urgency.values()[random.nextInt(3)], window, List.of(), status, created,
                expiration, random.nextBoolean(), true);
    }
}
