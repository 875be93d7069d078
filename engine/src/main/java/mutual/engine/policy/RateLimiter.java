package mutual.engine.policy;

import java.util.concurrent.ConcurrentHashMap;
import mutual.engine.policy.PolicyConfig.Rate;

/**
 * One token bucket per key (an address, a pubkey, a connection). Full buckets are forgotten when
 * the map grows, so memory stays bounded by the number of keys that are actually busy.
 */
public final class RateLimiter<K> {
    private static final int SWEEP_ABOVE = 10_000;

    private final Rate rate;
    private final ConcurrentHashMap<K, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Rate rate) {
        this.rate = rate;
    }

    /** 0 when {@code key} may go ahead now (and it is counted); otherwise the milliseconds it must wait. */
    public long waitMillis(K key, long nowMillis) {
        if (buckets.size() > SWEEP_ABOVE) buckets.values().removeIf(b -> b.isFull(nowMillis));
        return buckets.computeIfAbsent(key, k -> new TokenBucket(rate.perSecond(), rate.burst(), nowMillis)).take(nowMillis);
    }

    /** A single bucket, for one connection's own message rate. */
    public static Single single(Rate rate, long nowMillis) {
        return new Single(new TokenBucket(rate.perSecond(), rate.burst(), nowMillis));
    }

    public static final class Single {
        private final TokenBucket bucket;

        private Single(TokenBucket bucket) {
            this.bucket = bucket;
        }

        /** 0 when a message may go ahead now (and it is counted); otherwise the milliseconds to wait. */
        public long waitMillis(long nowMillis) {
            return bucket.take(nowMillis);
        }
    }
}
