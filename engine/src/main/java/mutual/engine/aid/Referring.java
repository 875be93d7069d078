package mutual.engine.aid;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.Urgency;

/**
 * Referral in matching (docs/protocol.md, "Links and referral"): which needs may be referred, where
 * they have reached, and the offers that fit them there, next to those within reach. Runs on the
 * aid thread, except {@link #steps} and {@link #rank}, which API threads call too.
 */
final class Referring {
    private final Referrals referrals;
    private final Matcher matcher;
    private final MatchBook book;
    private final ListingIndex index;

    Referring(Referrals referrals, Matcher matcher, MatchBook book, ListingIndex index) {
        this.referrals = referrals;
        this.matcher = matcher;
        this.book = book;
        this.index = index;
    }

    /** Where this need has been referred by {@code now}; empty unless it is urgent, live, allows referral and has no accepted match. */
    List<Referral> steps(Listing l, long now) {
        if (!isUrgentNeed(l) || !l.referable() || !Fit.isLive(l, now)) return List.of();
        if (book.of(l.address(), now, a -> true).stream().anyMatch(m -> m.state() == MatchState.ACCEPTED || m.state() == MatchState.DONE)) return List.of();
        return referrals.of(l.author(), l.createdAt(), now);
    }

    /** The listings that fit {@code l}: within reach, and for a referred need those of the communities it reached too; best first. */
    List<Ranked> rank(Listing l, long now, int limit) {
        List<Ranked> near = matcher.rank(l, now, limit);
        List<Referral> steps = steps(l, now);
        if (steps.isEmpty()) return near;
        List<Ranked> all = new ArrayList<>(near);
        for (Ranked r : matcher.referred(l, steps, now, limit))
            if (near.stream().noneMatch(n -> n.listing().address().equals(r.listing().address()))) all.add(r);
        all.sort(Matcher.BEST_FIRST);
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** Hands each referred need to {@code suggest} with the offers that fit it where it reached (the check each minute). */
    void referred(long now, int limit, BiConsumer<Listing, List<Ranked>> suggest) {
        for (Listing l : index.all()) {
            if (!isUrgentNeed(l)) continue;
            List<Referral> steps = steps(l, now);
            if (!steps.isEmpty()) suggest.accept(l, matcher.referred(l, steps, now, limit));
        }
    }

    /** As {@link #referred}, for the needs that reached a community of a new offer's author only. */
    void reachedBy(Listing offer, long now, int limit, BiConsumer<Listing, List<Ranked>> suggest) {
        String author = offer.author().hex();
        for (Listing l : index.all()) {
            if (!isUrgentNeed(l)) continue;
            List<Referral> steps = steps(l, now);
            if (steps.stream().anyMatch(r -> r.members().contains(author))) suggest.accept(l, matcher.referred(l, steps, now, limit));
        }
    }

    private static boolean isUrgentNeed(Listing l) {
        return l.type() == ListingType.NEED && l.urgency() == Urgency.URGENT;
    }
}
