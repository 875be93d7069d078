package mutual.protocol.community;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Says in words why an event would change nothing in its community, before anyone signs or
 * admits it ("vouch by a non-member", "response after the close"): the tally itself is asked, with
 * the event added, so the answer is exactly the rule of docs/protocol.md. For the CLI's checks
 * and for an admission policy; costs a tally of the community.
 */
public final class CommunityRules {
    private CommunityRules() {}

    /** Empty when {@code candidate} would count; otherwise the reason the tally would give. Events of other communities are left aside. */
    public static Optional<String> whyIgnored(Collection<? extends CommunityEvent> history, CommunityEvent candidate) {
        List<CommunityEvent> all = new ArrayList<>();
        for (CommunityEvent e : history) if (e.community().equals(candidate.community())) all.add(e);
        all.add(candidate);
        Optional<Tally> t = CommunityLedger.compute(candidate.community(), all, candidate.createdAt());
        if (t.isEmpty()) return Optional.of("no community " + candidate.community().hex() + " is known (its founding event is not held)");
        Position at = Position.of(candidate);
        if (at.compareTo(Position.of(t.get().founding())) < 0) return Optional.of("made before the community was founded");
        for (Tally.Ignored i : t.get().ignored()) if (i.at().equals(at)) return Optional.of(i.reason());
        return Optional.empty();
    }
}
