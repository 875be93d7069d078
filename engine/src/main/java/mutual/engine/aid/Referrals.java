package mutual.engine.aid;

import java.util.List;
import mutual.protocol.crypto.PubKey;

/**
 * Where an urgent need that stayed unmatched has been offered beyond its author's own communities
 * (docs/protocol.md, "Referral"): the linked communities, then theirs, each after its community's
 * time. Pluggable like {@link TrustScore}; the communities engine answers it. Thread-safe.
 */
public interface Referrals {
    /** Every step by which a need of {@code author}, posted at {@code postedAt}, has been referred by {@code now}, earliest first. */
    List<Referral> of(PubKey author, long postedAt, long now);

    /** Refers nothing. */
    static Referrals none() {
        return (author, postedAt, now) -> List.of();
    }
}
