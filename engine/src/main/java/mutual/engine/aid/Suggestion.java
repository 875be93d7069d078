package mutual.engine.aid;

import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchPair;

/** A new listing and a ranked candidate, put in need/offer order. */
record Suggestion(Listing need, Listing offer, MatchPair pair) {
    static Suggestion of(Listing l, Ranked r) {
        Listing need = l.type() == ListingType.NEED ? l : r.listing();
        Listing offer = need == l ? r.listing() : l;
        return new Suggestion(need, offer, new MatchPair(need.address(), offer.address()));
    }
}
