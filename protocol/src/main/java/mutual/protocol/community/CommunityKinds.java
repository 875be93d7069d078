package mutual.protocol.community;

/** Event kinds, NIP-32 namespaces and limits of Mutual's communities (docs/protocol.md, "Communities"). */
public final class CommunityKinds {
    private CommunityKinds() {}

    /** The founding of a community (regular): its id names the community. */
    public static final int FOUNDING = 1403;
    /** A membership act: join, vouch, unvouch, leave (regular). */
    public static final int MEMBER = 1404;
    /** A proposal (regular). */
    public static final int PROPOSAL = 1405;
    /** A response to a proposal (regular). */
    public static final int RESPONSE = 1406;
    /** A report that a member broke an agreement: NIP-56's kind, with Mutual's tags. */
    public static final int REPORT = 1984;
    /** NIP-72's community definition, which Mutual writes only as a display mirror and never reads. */
    public static final int NIP72_MIRROR = 34550;

    public static final String NS_MEMBER = "mutual.community.member";
    public static final String NS_PROPOSAL = "mutual.community.proposal";
    public static final String NS_RESPONSE = "mutual.community.response";
    public static final String NS_REPORT = "mutual.community.report";
    public static final String HASHTAG = "mutual-community";
    /** The marker of the {@code e} tag that names the community. */
    public static final String MARK_COMMUNITY = "community";
    public static final String MARK_PROPOSAL = "proposal";
    public static final String MARK_LINK = "link";
    /** The basis of an objection that names the community's purpose rather than an agreement. */
    public static final String PURPOSE = "purpose";

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1_000;
    public static final int MAX_AGREEMENTS = 50;
    public static final int MAX_AGREEMENT_TEXT = 1_000;
    public static final int MAX_AREA = 5;
    public static final int MAX_CONTENT = 10_000;
    public static final long MIN_PERIOD = 3_600;
    public static final long MAX_PERIOD = 7_776_000;
}
