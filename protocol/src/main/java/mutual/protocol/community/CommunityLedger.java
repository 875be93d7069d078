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
 * already applied (the usual case: one new item costs its own effect). A late event, one that
 * sorts before what was applied (made earlier, or in the same second with a lower id), goes back
 * to the newest checkpoint before it and applies again from there: every {@link #CHECKPOINT_EVERY}
 * items applied, the ledger keeps a copy of its state, the newest {@link #CHECKPOINTS} of them
 * (late events are mostly recent ones); with none before it, or when the clock went back, it
 * applies everything again from the founding. Either way the result equals {@link #compute}, the
 * tally as a pure function of the events. Not thread-safe.
 */
public final class CommunityLedger {
    private final EventId community;
    private final TreeMap<Position, Item> items = new TreeMap<>();
    private final Set<EventId> seen = new HashSet<>();
    private Founding founding;
    private TallyFold fold;
    private Position applied;
    private long appliedNow = Long.MIN_VALUE;
    /** The earliest late item since the last advance, if any. */
    private Position late;
    /** Copies of the fold after applying the item at each key, oldest first. */
    private final TreeMap<Position, TallyFold> checkpoints = new TreeMap<>();
    private int sinceCheckpoint;
    /** Items applied between two checkpoints; a small community never needs one. */
    public static final int CHECKPOINT_EVERY = 16_384;
    /** Checkpoints kept, the newest. */
    public static final int CHECKPOINTS = 4;
    private final int every, keep;

    private record Item(CommunityEvent event, boolean close) {}

    public CommunityLedger(EventId community) {
        this(community, CHECKPOINT_EVERY, CHECKPOINTS);
    }

    /** With a checkpoint every {@code every} items applied, the newest {@code keep} kept (tests use small ones). */
    CommunityLedger(EventId community, int every, int keep) {
        if (every < 1 || keep < 1) throw new IllegalArgumentException("every and keep are at least 1");
        this.community = community;
        this.every = every;
        this.keep = keep;
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
            checkpoints.clear();
        }
        Position at = Position.of(e);
        items.put(at, new Item(e, false));
        if (e instanceof Proposal p) items.put(Position.closeOf(p), new Item(p, true));
        if (applied != null && at.compareTo(applied) <= 0 && (late == null || at.compareTo(late) < 0)) late = at; // applied again from a checkpoint before it
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
        if (fold != null && late != null) goBackBefore(late);
        late = null;
        if (fold == null || now < appliedNow) {
            fold = new TallyFold(founding);
            applied = Position.of(founding);
            checkpoints.clear();
            sinceCheckpoint = 0;
        }
        Position end = Position.endOf(now);
        if (applied.compareTo(end) < 0) {
            for (Map.Entry<Position, Item> e : items.subMap(applied, false, end, false).entrySet()) {
                fold.apply(e.getKey(), e.getValue().event(), e.getValue().close());
                applied = e.getKey();
                if (++sinceCheckpoint >= every) checkpoint();
            }
        }
        appliedNow = now;
        return true;
    }

    /** Keeps a copy of the state as it is, dropping the oldest copies beyond {@code keep}. */
    private void checkpoint() {
        checkpoints.put(applied, fold.copy());
        sinceCheckpoint = 0;
        while (checkpoints.size() > keep) checkpoints.pollFirstEntry();
    }

    /** Puts the fold back to the newest checkpoint before {@code p}, or to nothing (from the founding) when there is none. */
    private void goBackBefore(Position p) {
        Map.Entry<Position, TallyFold> c = checkpoints.lowerEntry(p);
        if (c == null) {
            fold = null;
            return;
        }
        checkpoints.tailMap(c.getKey(), true).clear(); // the restored one is the fold now; later ones miss the late item
        fold = c.getValue();
        applied = c.getKey();
        sinceCheckpoint = 0;
    }
}
