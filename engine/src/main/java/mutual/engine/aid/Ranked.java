package mutual.engine.aid;

import mutual.protocol.aid.Listing;

/** A candidate listing for another, with its score and reasons. */
public record Ranked(Listing listing, MatchScore score) {}
