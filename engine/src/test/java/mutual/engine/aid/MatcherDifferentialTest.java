package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingStatus;
import org.junit.jupiter.api.Test;

/**
 * The indexed matcher against a deliberately naive reference that compares a listing with every
 * other one, on seeded random listings: same candidates, same order, same scores.
 */
class MatcherDifferentialTest {
    static final long NOW = 1_760_000_000L;

    /** The rules of docs/protocol.md "Matching", written out plainly over all listings. */
    static List<Ranked> naive(Listing l, List<Listing> all, Scorer scorer, long now) {
        List<Ranked> out = new ArrayList<>();
        if (!live(l, now)) return out;
        for (Listing o : all) {
            if (o.address().equals(l.address()) || o.type() == l.type() || o.author().equals(l.author()) || !live(o, now)) continue;
            if (o.categories().stream().noneMatch(l.categories()::contains) || scorer.blocked(l, o)) continue;
            double d = l.geohash().centre().distanceKm(o.geohash().centre());
            if (d > l.reachKm() || d > o.reachKm()) continue;
            var a = l.effectiveWindow();
            var b = o.effectiveWindow();
            if (Math.max(a.start(), b.start()) > Math.min(a.end(), b.end())) continue;
            out.add(new Ranked(o, scorer.score(l, o, now)));
        }
        out.sort(Matcher.BEST_FIRST);
        return out;
    }

    static boolean live(Listing l, long now) {
        return l.status() == ListingStatus.OPEN && l.expiration().map(x -> x > now).orElse(true) && l.effectiveWindow().end() >= now;
    }

    @Test
    void indexedMatchingEqualsTheNaiveReference() {
        for (long seed = 1; seed <= 4; seed++) {
            // A small country's worth of listings, dense enough that many fit each other.
            RandomListings gen = new RandomListings(seed, 50, 53, 4, 9, 40, NOW);
            ListingIndex index = new ListingIndex();
            List<Listing> current = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                Listing l = gen.next();
                if (index.put(l, NOW)) current.add(l);
            }
            Scorer scorer = new Scorer(TrustScore.none());
            Matcher matcher = new Matcher(index, scorer);
            int compared = 0, nonEmpty = 0;
            for (int i = 0; i < 400; i++) {
                Listing probe = gen.next();
                List<Ranked> want = naive(probe, current, scorer, NOW);
                List<Ranked> got = matcher.rank(probe, NOW, Integer.MAX_VALUE);
                assertEquals(addresses(want), addresses(got), "seed " + seed + ", probe " + probe);
                for (int k = 0; k < want.size(); k++) assertEquals(want.get(k).score(), got.get(k).score());
                compared++;
                if (!want.isEmpty()) nonEmpty++;
            }
            assertTrue(nonEmpty > compared / 4, "the random listings should often fit: " + nonEmpty + " of " + compared);
        }
    }

    @Test
    void removedAndExpiredListingsLeaveTheIndex() {
        RandomListings gen = new RandomListings(9, 50, 51, 4, 5, 10, NOW);
        ListingIndex index = new ListingIndex();
        List<Listing> kept = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Listing l = gen.next();
            if (index.put(l, NOW)) kept.add(l);
        }
        int before = index.size();
        List<Listing> expired = index.removeExpired(NOW + 10 * 86400);
        assertTrue(!expired.isEmpty() && index.size() == before - expired.size());
        for (Listing l : expired) assertTrue(index.get(l.address()).isEmpty());
        Scorer scorer = new Scorer(TrustScore.none());
        Matcher m = new Matcher(index, scorer);
        List<Listing> still = kept.stream().filter(l -> index.get(l.address()).isPresent()).toList();
        for (int i = 0; i < 100; i++) {
            Listing probe = gen.next();
            for (Ranked r : m.rank(probe, NOW + 10 * 86400, 100)) assertTrue(still.contains(r.listing()));
        }
    }

    private static List<String> addresses(List<Ranked> r) {
        return r.stream().map(x -> x.listing().address().toString()).toList();
    }
}
