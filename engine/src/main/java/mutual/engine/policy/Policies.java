package mutual.engine.policy;

import java.util.List;
import java.util.function.Predicate;
import mutual.engine.ingest.Policy;

/**
 * The node's default admission rules, installed by one visible function (STYLE.md item 6, after
 * khatru's "sane defaults"). Order matters: the first rule that does not accept decides, so the
 * cheap flood guards come first.
 */
public final class Policies {
    private Policies() {}

    /**
     * @param namesThisRelay whether a relay URL from an event (NIP-62 {@code relay} tag) names this node
     */
    public static List<Policy> defaults(PolicyConfig config, Predicate<String> namesThisRelay) {
        return List.of(
                RateRules.perIp(config.perIp(), config.peerKeys()),
                RateRules.perPubkey(config.perPubkey(), config.peerKeys()),
                ShapeRules.maxEventBytes(config.maxEventBytes()),
                ShapeRules.tagLimits(config.maxTags(), config.maxTagValueChars()),
                TimeRules.notTooFarInFuture(config.maxFutureSeconds()),
                TimeRules.notExpired(),
                KindRules.noAuthEvents(),
                KindRules.protectedOnlyByAuthor(),
                KindRules.vanishNamesThisRelay(namesThisRelay),
                KindRules.giftWrapHasRecipient(),
                CommunityShape.parses());
    }
}
