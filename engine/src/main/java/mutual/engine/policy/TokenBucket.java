package mutual.engine.policy;

/**
 * A token bucket: up to {@code capacity} tokens, refilled continuously at {@code perSecond}.
 * Time is passed in (milliseconds from the node's clock) so tests control it.
 */
final class TokenBucket {
    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int capacity, long nowMillis) {
        this.capacity = capacity;
        this.perMilli = perSecond / 1000.0;
        this.tokens = capacity;
        this.last = nowMillis;
    }

    /** Takes a token if there is one and returns 0; otherwise returns the milliseconds until there will be one. */
    synchronized long take(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
    }

    /** Whether the bucket is full again, so forgetting it changes nothing. */
    synchronized boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= capacity;
    }

    private void refill(long nowMillis) {
        if (nowMillis > last) {
            tokens = Math.min(capacity, tokens + (nowMillis - last) * perMilli);
            last = nowMillis;
        }
    }
}
