package mutual.protocol.community;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/** One event of a community's history, parsed: the founding, a membership act, a proposal or a response. */
public sealed interface CommunityEvent permits Founding, MemberAct, Proposal, Response {
    EventId id();
    PubKey author();
    long createdAt();
    /** The community this event belongs to (for the founding, its own id). */
    EventId community();
}
