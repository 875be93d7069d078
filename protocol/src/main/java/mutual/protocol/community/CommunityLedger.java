package mutual.protocol.community;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import mutual.protocol.event.EventId;

/**
 * One community's history, tallied incrementally. {@link #add} takes events in any order;
 * {@link #tallyAt} applies what is new since the last call when it all sorts after what was
 * already applied (the usual case: one new item costs its own effect), and recomputes from the
 * founding when a late event sorts before it or the clock went back. Either way the result equals
 * {@link #compute}, the tally as a pure function of the events. Not thread-safe.
 */
public final class CommunityLedger {
    private final EventId community;
    private final TreeMap<Position, Item> items = new TreeMap<>();
    private final Set<EventId> seen = new HashSet<>();
    private Founding founding;
    private TallyFold fold;
    private Position applied;
    private long appliedNow = Long.MIN_VALUE;

    private record Item(CommunityEvent event, boolean close) {}

    public CommunityLedger(EventId community) {
        this.community = community;
    }

    /** The tally of these events at {@code now}; empty when the founding is not among them. */
    public static Optional<Tally> compute(EventId community, Collection<? extends CommunityEvent> events, long now) {
        CommunityLedger l = new CommunityLedger(community);
        for (CommunityEvent e : events) l.add(e);
        return l.tallyAt(now);
    }

    public EventId community() {
        return community;
    }

    /** Adds an event of this community; returns false when it was already held. */
    public boolean add(CommunityEvent e) {
        if (!e.community().equals(community)) throw new CommunityException("event " + e.id().hex() + " belongs to another community");
        if (!seen.add(e.id())) return false;
        if (e instanceof Founding f) {
            founding = f;
            fold = null;
        }
        Position at = Position.of(e);
        items.put(at, new Item(e, false));
        if (e instanceof Proposal p) items.put(Position.closeOf(p), new Item(p, true));
        if (applied != null && at.compareTo(applied) <= 0) fold = null; // late: recompute from the founding
        return true;
    }

    /** The events held, in history order. */
    public java.util.List<CommunityEvent> events() {
        return items.values().stream().filter(i -> !i.close()).map(Item::event).toList();
    }

    public int size() {
        return seen.size();
    }

    /** The time of the first item of the history after second {@code now} (an event dated later, a proposal's close), if any. */
    public java.util.OptionalLong nextChangeAfter(long now) {
        Position next = items.higherKey(Position.endOf(now));
        return next == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(next.time());
    }

    /**
     * The tally at {@code now}: every item of the history whose time is at most {@code now}, applied
     * in order. Copying it out costs in proportion to the community; {@link #advanceTo} and
     * {@link #proposalAt} cost only what is new.
     */
    public Optional<Tally> tallyAt(long now) {
        return advanceTo(now) ? Optional.of(fold.snapshot(now)) : Optional.empty();
    }

    /** One proposal's tally at {@code now}, without copying out the rest of the community. */
    public Optional<ProposalTally> proposalAt(long now, EventId proposal) {
        return advanceTo(now) ? fold.proposal(proposal) : Optional.empty();
    }

    /** Applies every item up to {@code now}; false when the founding is not held. */
    public boolean advanceTo(long now) {
        if (founding == null) return false;
        if (fold == null || now < appliedNow) {
            fold = new TallyFold(founding);
            applied = Position.of(founding);
        }
        Position end = Position.endOf(now);
        if (applied.compareTo(end) < 0) {
            for (Map.Entry<Position, Item> e : items.subMap(applied, false, end, false).entrySet()) {
                fold.apply(e.getKey(), e.getValue().event(), e.getValue().close());
                applied = e.getKey();
            }
        }
        appliedNow = now;
        return true;
    }
}
