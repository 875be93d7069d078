package mutual.engine.policy;

import java.util.Set;
import mutual.protocol.crypto.PubKey;

/**
 * Settings of the default admission rules ({@link Policies#defaults}).
 *
 * @param maxEventBytes     largest event, serialized as JSON
 * @param maxTags           most tags on one event
 * @param maxTagValueChars  longest single tag element
 * @param maxFutureSeconds  how far ahead of the node's clock {@code created_at} may be
 * @param perIp             events per second (and burst) from one client address
 * @param perPubkey         events per second (and burst) by one author
 * @param peerKeys          keys of other nodes: a connection authenticated (NIP-42) as one of them
 *                          is a peer replicating to this node, not one client, and the two rates
 *                          above do not apply to it
 */
public record PolicyConfig(int maxEventBytes, int maxTags, int maxTagValueChars, long maxFutureSeconds, Rate perIp, Rate perPubkey,
                           Set<PubKey> peerKeys) {

    public PolicyConfig {
        peerKeys = Set.copyOf(peerKeys);
    }

    /** A token bucket's refill rate and capacity. */
    public record Rate(double perSecond, int burst) {
        public Rate {
            if (!(perSecond > 0) || burst < 1) throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1");
        }

        public static Rate unlimited() {
            return new Rate(1e12, Integer.MAX_VALUE);
        }

        public boolean isUnlimited() {
            return perSecond >= 1e12;
        }

        /**
         * Why a client was turned away by this rate, in words it can act on: which limit, its value
         * and how long to wait, as in {@code "more than 20 events per second from your address
         * (events-per-second-per-ip, bursts of 200); try again in 1 s"}.
         */
        public String refusal(String what, String setting, long waitMillis) {
            String per = perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
            return "more than " + per + " " + what + " (" + setting + ", bursts of " + burst + "); try again in "
                    + Math.max(1, (waitMillis + 999) / 1000) + " s";
        }
    }

    /**
     * No limit on events per address or per author by default, as strfry and nostr-rs-relay ship:
     * such limits refuse a person importing their history, a client's test suite and every client
     * behind one proxy, while a flood is bounded anyway by the connection caps and by reading a
     * connection only as fast as its events are answered (see docs/node.md, Limits).
     */
    public static PolicyConfig defaults() {
        return new PolicyConfig(256 * 1024, 2500, 8192, 900, Rate.unlimited(), Rate.unlimited(), Set.of());
    }

    public PolicyConfig withRates(Rate perIp, Rate perPubkey) {
        return new PolicyConfig(maxEventBytes, maxTags, maxTagValueChars, maxFutureSeconds, perIp, perPubkey, peerKeys);
    }

    public PolicyConfig withMaxFutureSeconds(long seconds) {
        return new PolicyConfig(maxEventBytes, maxTags, maxTagValueChars, seconds, perIp, perPubkey, peerKeys);
    }

    public PolicyConfig withSizes(int maxEventBytes, int maxTags, int maxTagValueChars) {
        return new PolicyConfig(maxEventBytes, maxTags, maxTagValueChars, maxFutureSeconds, perIp, perPubkey, peerKeys);
    }

    public PolicyConfig withPeerKeys(Set<PubKey> keys) {
        return new PolicyConfig(maxEventBytes, maxTags, maxTagValueChars, maxFutureSeconds, perIp, perPubkey, keys);
    }
}
