package mutual.engine.community;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Supplier;
import mutual.engine.aid.Referral;
import mutual.engine.aid.Referrals;
import mutual.protocol.crypto.PubKey;

/**
 * The path of an urgent need through linked communities (docs/protocol.md, "Referral"): from each
 * community its author belongs to, to the communities linked with it on both sides once that
 * community's referral time has passed since the need was posted, then on to theirs after their
 * own time, and so on; each community is reached once, by its earliest path. Reads the node's
 * current {@link CommunityIndex}, without a lock.
 */
final class CommunityReferrals implements Referrals {
    /** Communities one need reaches at most: past a few rings of links it is no longer local help. */
    static final int MAX_STEPS = 50;

    private final Supplier<CommunityIndex> index;

    CommunityReferrals(Supplier<CommunityIndex> index) {
        this.index = index;
    }

    private record Reached(CommunityView community, long at) {}

    @Override
    public List<Referral> of(PubKey author, long postedAt, long now) {
        CommunityIndex ix = index.get();
        List<CommunityView> own = ix.communitiesOf(author.hex());
        if (own.isEmpty()) return List.of();
        Set<String> seen = new HashSet<>();
        PriorityQueue<Reached> next = new PriorityQueue<>(Comparator.comparingLong(Reached::at).thenComparing(r -> r.community().id()));
        for (CommunityView c : own) {
            seen.add(c.id());
            next.add(new Reached(c, postedAt));
        }
        List<Referral> out = new ArrayList<>();
        while (!next.isEmpty() && out.size() < MAX_STEPS) {
            Reached from = next.poll();
            long at = from.at() + from.community().founding().settings().referAfter();
            if (at > now) continue; // not yet passed on from there
            for (CommunityView to : ix.linked(from.community())) {
                if (!seen.add(to.id())) continue;
                out.add(new Referral(to.id(), to.name(), from.community().id(), from.community().name(), at, to.members()));
                next.add(new Reached(to, at));
                if (out.size() >= MAX_STEPS) break;
            }
        }
        out.sort(Comparator.comparingLong(Referral::at).thenComparing(Referral::community));
        return out;
    }
}
