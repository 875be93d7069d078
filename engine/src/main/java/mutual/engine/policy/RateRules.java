package mutual.engine.policy;

import java.util.Set;
import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.ingest.Verdict;
import mutual.engine.policy.PolicyConfig.Rate;
import mutual.protocol.crypto.PubKey;

/**
 * Flood guards: events per second from one client address and by one author. Only client
 * connections are limited, and not those authenticated as a known peer node; peers, bundles and
 * the local operator bring what they already hold.
 */
final class RateRules {
    private RateRules() {}

    static Policy perIp(Rate rate, Set<PubKey> peers) {
        if (rate.isUnlimited()) return Policy.of("rate-per-ip", c -> Verdict.accept());
        RateLimiter<String> limiter = new RateLimiter<>(rate);
        return Policy.of("rate-per-ip", c -> {
            if (!(c.source() instanceof Source.Client client) || isPeer(client, peers)) return Verdict.accept();
            long wait = limiter.waitMillis(client.ip(), c.received().toEpochMilli());
            return wait == 0 ? Verdict.accept()
                    : Verdict.reject(Prefix.RATE_LIMITED, rate.refusal("events per second from your address", "events-per-second-per-ip", wait));
        });
    }

    static Policy perPubkey(Rate rate, Set<PubKey> peers) {
        if (rate.isUnlimited()) return Policy.of("rate-per-pubkey", c -> Verdict.accept());
        RateLimiter<PubKey> limiter = new RateLimiter<>(rate);
        return Policy.of("rate-per-pubkey", c -> {
            if (!(c.source() instanceof Source.Client client) || isPeer(client, peers)) return Verdict.accept();
            long wait = limiter.waitMillis(c.event().pubkey(), c.received().toEpochMilli());
            return wait == 0 ? Verdict.accept()
                    : Verdict.reject(Prefix.RATE_LIMITED, rate.refusal("events per second by this author", "events-per-second-per-pubkey", wait));
        });
    }

    private static boolean isPeer(Source.Client client, Set<PubKey> peers) {
        for (PubKey k : client.authenticated()) if (peers.contains(k)) return true;
        return false;
    }
}
