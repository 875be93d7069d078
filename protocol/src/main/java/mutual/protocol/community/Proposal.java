package mutual.protocol.community;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/** A proposal (kind 1405), open from {@code createdAt} until {@link #closesAt()}. */
public record Proposal(EventId id, PubKey author, long createdAt, EventId community, long period,
                       Change change, String content) implements CommunityEvent {
    public long closesAt() {
        return createdAt + period;
    }
}
