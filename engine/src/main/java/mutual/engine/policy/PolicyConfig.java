package mutual.engine.policy;

/**
 * Settings of the default admission rules ({@link Policies#defaults}).
 *
 * @param maxEventBytes     largest event, serialized as JSON
 * @param maxTags           most tags on one event
 * @param maxTagValueChars  longest single tag element
 * @param maxFutureSeconds  how far ahead of the node's clock {@code created_at} may be
 * @param perIp             events per second (and burst) from one client address
 * @param perPubkey         events per second (and burst) by one author
 */
public record PolicyConfig(int maxEventBytes, int maxTags, int maxTagValueChars, long maxFutureSeconds, Rate perIp, Rate perPubkey) {

    /** A token bucket's refill rate and capacity. */
    public record Rate(double perSecond, int burst) {
        public Rate {
            if (!(perSecond > 0) || burst < 1) throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1");
        }

        public static Rate unlimited() {
            return new Rate(1e12, Integer.MAX_VALUE);
        }
    }

    public static PolicyConfig defaults() {
        return new PolicyConfig(256 * 1024, 2500, 8192, 900, new Rate(20, 200), new Rate(10, 100));
    }

    public PolicyConfig withRates(Rate perIp, Rate perPubkey) {
        return new PolicyConfig(maxEventBytes, maxTags, maxTagValueChars, maxFutureSeconds, perIp, perPubkey);
    }

    public PolicyConfig withMaxFutureSeconds(long seconds) {
        return new PolicyConfig(maxEventBytes, maxTags, maxTagValueChars, seconds, perIp, perPubkey);
    }

    public PolicyConfig withSizes(int maxEventBytes, int maxTags, int maxTagValueChars) {
        return new PolicyConfig(maxEventBytes, maxTags, maxTagValueChars, maxFutureSeconds, perIp, perPubkey);
    }
}
