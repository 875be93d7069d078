package mutual.protocol.aid;

/**
 * Event kinds and NIP-32 label namespaces of Mutual's listings and matches
 * (docs/protocol.md, "Mutual listings and matches").
 */
public final class AidKinds {
    private AidKinds() {}

    /** A listing: a NIP-99 classified listing (addressable). */
    public static final int LISTING = 30402;
    /** One step of a match between a need and an offer (regular). */
    public static final int MATCH = 1402;

    /** NIP-32 namespace of a listing's type ({@code offer} or {@code need}). */
    public static final String NS_TYPE = "mutual.aid";
    public static final String NS_CATEGORY = "mutual.aid.category";
    public static final String NS_URGENCY = "mutual.aid.urgency";
    public static final String NS_STATUS = "mutual.aid.status";
    /** NIP-32's own example namespace for languages: two-letter ISO 639-1 codes. */
    public static final String NS_LANGUAGE = "ISO-639-1";
    /** NIP-32 namespace of a match event's step ({@code suggest}, {@code accept}...). */
    public static final String NS_MATCH = "mutual.aid.match";
    /** The hashtag every listing carries, so that classified-listing clients can find them all. */
    public static final String HASHTAG = "mutual-aid";
}
