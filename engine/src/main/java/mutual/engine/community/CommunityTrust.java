package mutual.engine.community;

import java.util.function.Supplier;
import mutual.engine.aid.Trust;
import mutual.engine.aid.TrustScore;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.nip19.Nip19;

/**
 * Trust in matching from communities (docs/protocol.md, "Matching"): the strongest of what ties
 * the person asking to the other side, with its reason in words.
 *
 * <ul>
 *   <li>1.0: one vouched for the other in a community both belong to;
 *   <li>0.8: both are members of one community;
 *   <li>0.6: the other was vouched into a community by someone the person asking vouched for;
 *   <li>0.5: the other is a member of a community linked (on both sides) with one of theirs.
 * </ul>
 * Reads the node's current {@link CommunityIndex} and takes no lock, so it is cheap enough to ask
 * for every candidate.
 */
final class CommunityTrust implements TrustScore {
    static final double VOUCHED = 1.0, SAME = 0.8, VOUCHED_BY_YOURS = 0.6, LINKED = 0.5;

    private final Supplier<CommunityIndex> index;

    CommunityTrust(Supplier<CommunityIndex> index) {
        this.index = index;
    }

    @Override
    public Trust of(PubKey viewer, PubKey other) {
        CommunityIndex ix = index.get();
        String me = viewer.hex(), them = other.hex();
        var theirs = ix.communitiesOf(them);
        if (theirs.isEmpty()) return Trust.NONE;
        var mine = ix.communitiesOf(me);
        Trust best = Trust.NONE;
        for (CommunityView c : theirs) {
            if (mine.stream().anyMatch(m -> m.id().equals(c.id()))) {
                if (c.vouchersOf(them).contains(me)) return Trust.of(VOUCHED, "you vouched for them in " + quoted(c));
                if (c.vouchersOf(me).contains(them)) return Trust.of(VOUCHED, "they vouched for you in " + quoted(c));
                best = better(best, SAME, () -> "member of " + quoted(c) + ", a community you belong to");
            }
        }
        if (best.score() >= SAME) return best;
        var mineVouched = ix.vouchedBy(me);
        for (CommunityView c : theirs) {
            for (String w : c.vouchersOf(them)) {
                if (mineVouched.contains(w))
                    best = better(best, VOUCHED_BY_YOURS, () -> "vouched into " + quoted(c) + " by " + npub(w) + ", whom you vouched for");
            }
        }
        if (best.score() >= VOUCHED_BY_YOURS) return best;
        for (CommunityView c : theirs) {
            for (CommunityView m : mine) {
                if (ix.linked(c, m)) best = better(best, LINKED, () -> "member of " + quoted(c) + ", linked with your community " + quoted(m));
            }
        }
        return best;
    }

    private static Trust better(Trust best, double score, Supplier<String> reason) {
        return score > best.score() ? Trust.of(score, reason.get()) : best;
    }

    private static String quoted(CommunityView c) {
        return "\"" + c.name() + "\"";
    }

    private static String npub(String hex) {
        return PubKey.fromHex(hex).map(Nip19::npub).orElse(hex);
    }
}
