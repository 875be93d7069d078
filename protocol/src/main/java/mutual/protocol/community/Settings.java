package mutual.protocol.community;

/**
 * A community's decision rule: vouches that make a member, the share of the electorate that must
 * respond to a proposal (percent), and the shortest time a proposal stays open (seconds).
 */
public record Settings(int vouches, int quorumPercent, long minPeriod) {
    public static final Settings DEFAULTS = new Settings(2, 50, 604_800);

    public Settings {
        if (vouches < 1 || vouches > 10) throw new CommunityException("vouches must be 1 to 10, got " + vouches);
        if (quorumPercent < 1 || quorumPercent > 100) throw new CommunityException("quorum must be 1 to 100 percent, got " + quorumPercent);
        if (minPeriod < CommunityKinds.MIN_PERIOD || minPeriod > CommunityKinds.MAX_PERIOD)
            throw new CommunityException("period must be " + CommunityKinds.MIN_PERIOD + " to " + CommunityKinds.MAX_PERIOD + " seconds, got " + minPeriod);
    }
}
