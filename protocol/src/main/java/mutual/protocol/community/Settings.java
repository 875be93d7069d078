package mutual.protocol.community;

/**
 * A community's decision rule: vouches that make a member, the share of the electorate that must
 * respond to a proposal (percent), the shortest time a proposal stays open (seconds), and how long
 * an urgent need of a member stays unmatched before it is referred to the linked communities (seconds).
 */
public record Settings(int vouches, int quorumPercent, long minPeriod, long referAfter) {
    public static final long DEFAULT_REFER_AFTER = 86_400;
    public static final Settings DEFAULTS = new Settings(2, 50, 604_800, DEFAULT_REFER_AFTER);

    /** With the default time before referral (24 hours). */
    public Settings(int vouches, int quorumPercent, long minPeriod) {
        this(vouches, quorumPercent, minPeriod, DEFAULT_REFER_AFTER);
    }

    public Settings {
        if (referAfter < CommunityKinds.MIN_PERIOD || referAfter > CommunityKinds.MAX_PERIOD)
            throw new CommunityException("referral must be " + CommunityKinds.MIN_PERIOD + " to " + CommunityKinds.MAX_PERIOD + " seconds, got " + referAfter);
        if (vouches < 1 || vouches > 10) throw new CommunityException("vouches must be 1 to 10, got " + vouches);
        if (quorumPercent < 1 || quorumPercent > 100) throw new CommunityException("quorum must be 1 to 100 percent, got " + quorumPercent);
        if (minPeriod < CommunityKinds.MIN_PERIOD || minPeriod > CommunityKinds.MAX_PERIOD)
            throw new CommunityException("period must be " + CommunityKinds.MIN_PERIOD + " to " + CommunityKinds.MAX_PERIOD + " seconds, got " + minPeriod);
    }
}
