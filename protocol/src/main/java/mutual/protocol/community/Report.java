package mutual.protocol.community;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/**
 * A report (NIP-56, kind 1984) that {@code member} broke the agreement {@code breach} of
 * {@code community} (docs/protocol.md, "Reports"). It changes no tally: it is a signed record the
 * members see, and a removal still needs a proposal.
 */
public record Report(EventId id, PubKey author, long createdAt, EventId community, PubKey member, String breach, String content) {}
