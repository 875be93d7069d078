package mutual.engine.aid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.aid.MatchPair;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;

/**
 * The matches this node suggested or saw steps of, and where each stands. Steps follow
 * docs/protocol.md: only the node's own suggestions count, only the two sides answer, done only
 * after both accepted, thanks only after done. Written on the aid thread, read anywhere.
 *
 * <p>Only matches with a step in the last {@link #KEEP_IN_MEMORY} seconds are held in memory
 * (about 1.6 KB each); the store holds them all. A match that left memory is read back from its
 * steps in the store when a new step arrives, when the node considers suggesting the pair again,
 * and for the matches of a listing. So memory follows recent activity, not the node's age.
 */
final class MatchBook {
    /** A suggestion not accepted by both sides within this many seconds has expired. */
    static final long ACCEPT_WITHIN = 14 * 86400;
    /** A match with no step for this long leaves memory (it stays in the store). */
    static final long KEEP_IN_MEMORY = 2 * ACCEPT_WITHIN;
    /** The most steps of one pair read back from the store: far more than an honest match has. */
    static final int MAX_STEPS = 200;

    private static final class Rec {
        final MatchPair pair;
        Optional<MatchScore> score = Optional.empty();
        Optional<EventId> suggestion = Optional.empty();
        long since;
        /** The time of the latest step, or of the suggestion being made. */
        long active;
        final Set<ListingType> accepted = EnumSet.noneOf(ListingType.class);
        boolean declined, done;
        final List<MatchEvent> steps = new ArrayList<>();
        /** Every step applied, counted or not: a step read back from the store is not judged twice. */
        final Set<EventId> seen = new HashSet<>();

        Rec(MatchPair pair, long since) {
            this.pair = pair;
            this.since = since;
            this.active = since;
        }
    }

    private final PubKey node;
    private final EventStore store;
    private final Map<String, Rec> byRef = new ConcurrentHashMap<>();
    private final Map<Address, Set<String>> byListing = new ConcurrentHashMap<>();

    MatchBook(PubKey node, EventStore store) {
        this.node = node;
        this.store = store;
    }

    /** Whether the pair has been suggested or answered before, here or in the store. */
    boolean knows(MatchPair pair) {
        return byRef.containsKey(pair.ref()) || !stored(pair).isEmpty();
    }

    /** Records that the node is suggesting this pair now, before its signed suggestion comes back through ingest. */
    void suggesting(MatchPair pair, MatchScore score, long now) {
        Rec r = rec(pair, now);
        synchronized (r) {
            r.score = Optional.of(score);
        }
    }

    /**
     * Applies a step that the store holds; returns true when this call completed the match (both
     * accepted, then done). A pair not in memory is first read back from its steps in the store.
     * Applying a step twice changes nothing.
     */
    boolean apply(MatchEvent m) {
        if (isForeignSuggestion(m)) return false;
        Rec r = byRef.get(m.pair().ref());
        boolean completed = false;
        if (r == null) {
            r = rec(m.pair(), m.createdAt());
            for (MatchEvent past : stored(m.pair())) completed |= step(r, past);
        }
        return step(r, m) || completed;
    }

    /** Drops from memory the matches with no step since {@code now - KEEP_IN_MEMORY}; returns how many. */
    int forgetQuiet(long now) {
        int n = 0;
        for (Rec r : byRef.values()) {
            boolean quiet;
            synchronized (r) {
                quiet = r.active < now - KEEP_IN_MEMORY;
            }
            if (!quiet) continue;
            byRef.remove(r.pair.ref());
            for (Address a : List.of(r.pair.need(), r.pair.offer())) {
                byListing.computeIfPresent(a, (k, refs) -> {
                    refs.remove(r.pair.ref());
                    return refs.isEmpty() ? null : refs;
                });
            }
            n++;
        }
        return n;
    }

    /** A match held in memory, by its ref. */
    Optional<MatchView> get(String ref, long now, Predicate<Address> current) {
        return Optional.ofNullable(byRef.get(ref)).map(r -> view(r, now, current));
    }

    /** Every match the listing is part of: those in memory, and those read back from the store. */
    List<MatchView> of(Address listing, long now, Predicate<Address> current) {
        Map<String, MatchView> out = new LinkedHashMap<>();
        for (String ref : byListing.getOrDefault(listing, Set.of())) get(ref, now, current).ifPresent(v -> out.put(ref, v));
        Map<String, Rec> past = new HashMap<>();
        for (MatchEvent m : steps(Filter.builder().kinds(AidKinds.MATCH).tag('a', listing.toString()).limit(MAX_STEPS).build())) {
            if (out.containsKey(m.pair().ref()) || isForeignSuggestion(m)) continue;
            step(past.computeIfAbsent(m.pair().ref(), k -> new Rec(m.pair(), m.createdAt())), m);
        }
        for (Rec r : past.values()) if (r.suggestion.isPresent() || !r.steps.isEmpty()) out.put(r.pair.ref(), view(r, now, current));
        List<MatchView> all = new ArrayList<>(out.values());
        all.sort(Comparator.comparingLong(MatchView::since).thenComparing(MatchView::ref));
        return all;
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

    /** Applies one step to a record; returns true when it completed the match. */
    private boolean step(Rec r, MatchEvent m) {
        if (isForeignSuggestion(m)) return false;
        synchronized (r) {
            if (!r.seen.add(m.id())) return false;
            r.active = Math.max(r.active, m.createdAt());
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

    /** A suggestion by anyone but this node: a node trusts only its own (docs/protocol.md). */
    private boolean isForeignSuggestion(MatchEvent m) {
        return m.action() == MatchAction.SUGGEST && !m.author().equals(node);
    }

    /** The pair's steps in the store by the node or either side, oldest first. */
    private List<MatchEvent> stored(MatchPair pair) {
        Filter f = Filter.builder().kinds(AidKinds.MATCH).tag('a', pair.need().toString())
                .authors(node, pair.need().pubkey(), pair.offer().pubkey()).limit(MAX_STEPS).build();
        return steps(f).stream().filter(m -> m.pair().equals(pair)).toList();
    }

    /**
     * Match steps the filter finds, in the order docs/protocol.md gives: oldest first, steps of
     * one second in the order of the steps (suggest first), then by id. Events that are not match
     * steps are skipped.
     */
    private List<MatchEvent> steps(Filter f) {
        List<MatchEvent> out = new ArrayList<>();
        for (Event e : store.query(List.of(f), Viewer.node(), MAX_STEPS)) {
            try {
                out.add(MatchEvent.parse(e));
            } catch (AidException x) {
                // not a match step of ours
            }
        }
        out.sort(Comparator.comparingLong(MatchEvent::createdAt).thenComparing(MatchEvent::action).thenComparing(m -> m.id().hex()));
        return out;
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
