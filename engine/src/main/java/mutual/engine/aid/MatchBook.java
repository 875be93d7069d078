package mutual.engine.aid;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.EventId;

/**
 * The matches this node suggested or saw steps of, and where each stands. Steps follow
 * docs/protocol.md: only the node's own suggestions count, only the two sides answer, done only
 * after both accepted, thanks only after done. Written on the aid thread, read anywhere.
 */
final class MatchBook {
    /** A suggestion not accepted by both sides within this many seconds has expired. */
    static final long ACCEPT_WITHIN = 14 * 86400;

    private static final class Rec {
        final MatchPair pair;
        Optional<MatchScore> score = Optional.empty();
        Optional<EventId> suggestion = Optional.empty();
        long since;
        final Set<ListingType> accepted = EnumSet.noneOf(ListingType.class);
        boolean declined, done;
        final List<MatchEvent> steps = new ArrayList<>();

        Rec(MatchPair pair, long since) {
            this.pair = pair;
            this.since = since;
        }
    }

    private final PubKey node;
    private final Map<String, Rec> byRef = new ConcurrentHashMap<>();
    private final Map<Address, Set<String>> byListing = new ConcurrentHashMap<>();

    MatchBook(PubKey node) {
        this.node = node;
    }

    boolean knows(MatchPair pair) {
        return byRef.containsKey(pair.ref());
    }

    /** Records that the node is suggesting this pair now, before its signed suggestion comes back through ingest. */
    void suggesting(MatchPair pair, MatchScore score, long now) {
        Rec r = rec(pair, now);
        synchronized (r) {
            r.score = Optional.of(score);
        }
    }

    /** Applies a step; returns true when it completed the match (both accepted, then done). */
    boolean apply(MatchEvent m) {
        if (m.action() == MatchAction.SUGGEST && !m.author().equals(node)) return false;
        Rec r = rec(m.pair(), m.createdAt());
        synchronized (r) {
            Optional<ListingType> side = m.pair().sideOf(m.author());
            boolean counted = switch (m.action()) {
                case SUGGEST -> {
                    r.suggestion = Optional.of(m.id());
                    r.since = Math.min(r.since, m.createdAt());
                    if (r.score.isEmpty()) m.score().ifPresent(s -> r.score = Optional.of(new MatchScore(s, 0, List.of(m.content()))));
                    yield true;
                }
                case ACCEPT -> !r.declined && !r.done && side.map(r.accepted::add).isPresent();
                case DECLINE -> !r.done && !r.declined && (r.declined = true);
                case DONE -> !r.declined && !r.done && r.accepted.size() == 2 && (r.done = true);
                case THANKS, FEEDBACK -> r.done;
            };
            if (counted) r.steps.add(m);
            return counted && m.action() == MatchAction.DONE;
        }
    }

    Optional<MatchView> get(String ref, long now, Predicate<Address> current) {
        return Optional.ofNullable(byRef.get(ref)).map(r -> view(r, now, current));
    }

    List<MatchView> of(Address listing, long now, Predicate<Address> current) {
        List<MatchView> out = new ArrayList<>();
        for (String ref : byListing.getOrDefault(listing, Set.of())) get(ref, now, current).ifPresent(out::add);
        out.sort(java.util.Comparator.comparingLong(MatchView::since).thenComparing(MatchView::ref));
        return out;
    }

    int size() {
        return byRef.size();
    }

    private Rec rec(MatchPair pair, long now) {
        return byRef.computeIfAbsent(pair.ref(), k -> {
            byListing.computeIfAbsent(pair.need(), a -> ConcurrentHashMap.newKeySet()).add(k);
            byListing.computeIfAbsent(pair.offer(), a -> ConcurrentHashMap.newKeySet()).add(k);
            return new Rec(pair, now);
        });
    }

    private static MatchView view(Rec r, long now, Predicate<Address> current) {
        synchronized (r) {
            MatchState s;
            if (r.done) s = MatchState.DONE;
            else if (r.declined) s = MatchState.DECLINED;
            else if (r.accepted.size() == 2) s = MatchState.ACCEPTED;
            else if (now > r.since + ACCEPT_WITHIN || !current.test(r.pair.need()) || !current.test(r.pair.offer())) s = MatchState.EXPIRED;
            else s = MatchState.SUGGESTED;
            return new MatchView(r.pair.ref(), r.pair, s, r.score.map(MatchScore::score),
                    r.score.map(MatchScore::reasons).orElse(List.of()), r.suggestion, r.since, r.accepted, r.steps);
        }
    }
}
