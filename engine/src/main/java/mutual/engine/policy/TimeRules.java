package mutual.engine.policy;

import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Verdict;

/** Rules about time: no events from the far future, none that already expired (NIP-40). */
final class TimeRules {
    private TimeRules() {}

    static Policy notTooFarInFuture(long maxSeconds) {
        return Policy.of("created-at-future", c -> {
            long ahead = c.event().createdAt() - c.nowSeconds();
            return ahead > maxSeconds
                    ? Verdict.invalid("created_at is " + ahead + " s in the future (limit " + maxSeconds + " s)")
                    : Verdict.accept();
        });
    }

    /** NIP-40: relays should not accept an event whose expiration has passed. */
    static Policy notExpired() {
        return Policy.of("nip40-expired", c -> c.event().expiration()
                .filter(at -> at <= c.nowSeconds())
                .<Verdict>map(at -> Verdict.invalid("this event expired at " + at + " (NIP-40)"))
                .orElse(Verdict.accept()));
    }
}
