package mutual.engine.policy;

import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.ingest.Verdict;
import mutual.engine.policy.PolicyConfig.Rate;
import mutual.protocol.crypto.PubKey;

/**
 * Flood guards: events per second from one client address and by one author. Only client
 * connections are limited; peers, bundles and the local operator bring what they already hold.
 */
final class RateRules {
    private RateRules() {}

    static Policy perIp(Rate rate) {
        RateLimiter<String> limiter = new RateLimiter<>(rate);
        return Policy.of("rate-per-ip", c -> c.source() instanceof Source.Client client
                && !limiter.allow(client.ip(), c.received().toEpochMilli())
                ? Verdict.reject(Prefix.RATE_LIMITED, "too many events from your address; slow down")
                : Verdict.accept());
    }

    static Policy perPubkey(Rate rate) {
        RateLimiter<PubKey> limiter = new RateLimiter<>(rate);
        return Policy.of("rate-per-pubkey", c -> c.source() instanceof Source.Client
                && !limiter.allow(c.event().pubkey(), c.received().toEpochMilli())
                ? Verdict.reject(Prefix.RATE_LIMITED, "too many events by this author; slow down")
                : Verdict.accept());
    }
}
