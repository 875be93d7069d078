package mutual.engine.community;

import java.util.List;
import java.util.Optional;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Verdict;
import mutual.protocol.community.CommunityEvent;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.Founding;
import mutual.protocol.community.Proposal;
import mutual.protocol.community.Response;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;

/**
 * Refuses, with {@code restricted:}, a community event that can never count on any node: one whose
 * fate is settled by itself and the events it names, which never change (a founding, a proposal).
 * Nothing that depends on membership is refused here, because a late event can change membership
 * at any earlier moment (docs/protocol.md, "What a node refuses at arrival"). Events naming a
 * founding or proposal this node does not hold are accepted: they may come later.
 */
final class CommunityAdmission {
    private CommunityAdmission() {}

    static Policy neverCounts(EventStore store) {
        return Policy.of("community-never-counts", c -> {
            Event e = c.event();
            if (!CommunityParser.isCommunityKind(e.kind())) return Verdict.accept();
            CommunityEvent ce;
            try {
                ce = CommunityParser.parse(e);
            } catch (CommunityException x) {
                return Verdict.invalid(x.getMessage());
            }
            return whyNever(ce, id -> held(store, id)).<Verdict>map(r -> Verdict.reject(Prefix.RESTRICTED, r)).orElse(Verdict.accept());
        });
    }

    /** The reason {@code ce} can never count, judged only against the immutable events it names. */
    static Optional<String> whyNever(CommunityEvent ce, java.util.function.Function<EventId, Optional<CommunityEvent>> lookup) {
        if (ce instanceof Founding) return Optional.empty();
        Optional<CommunityEvent> f = lookup.apply(ce.community());
        if (f.isPresent() && !(f.get() instanceof Founding))
            return Optional.of("event " + ce.community().hex().substring(0, 8) + " is not the founding of a community");
        if (f.isPresent() && ce.createdAt() < f.get().createdAt())
            return Optional.of("made before the community was founded (at " + f.get().createdAt() + ")");
        if (ce instanceof Proposal p && f.isPresent() && p.period() < ((Founding) f.get()).settings().minPeriod())
            return Optional.of("a proposal stays open at least " + ((Founding) f.get()).settings().minPeriod() + " s in this community, not " + p.period());
        if (ce instanceof Response r) {
            Optional<CommunityEvent> held = lookup.apply(r.proposal());
            if (held.isPresent()) {
                if (!(held.get() instanceof Proposal p) || !p.community().equals(r.community()))
                    return Optional.of("event " + r.proposal().hex().substring(0, 8) + " is not a proposal of this community");
                if (r.createdAt() < p.createdAt()) return Optional.of("made before the proposal it answers");
                if (r.createdAt() >= p.closesAt()) return Optional.of("this proposal closed at " + p.closesAt());
            }
        }
        return Optional.empty();
    }

    private static Optional<CommunityEvent> held(EventStore store, EventId id) {
        List<Event> found = store.query(List.of(Filter.builder().ids(id).build()), Viewer.node(), 1);
        if (found.isEmpty() || !CommunityParser.isCommunityKind(found.get(0).kind())) return Optional.empty();
        try {
            return Optional.of(CommunityParser.parse(found.get(0)));
        } catch (CommunityException x) {
            return Optional.empty();
        }
    }
}
