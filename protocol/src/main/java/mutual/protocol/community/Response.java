package mutual.protocol.community;

import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/** A response to a proposal (kind 1406); an objection names its basis (an agreement key or "purpose"). */
public record Response(EventId id, PubKey author, long createdAt, EventId community, EventId proposal,
                       Answer answer, Optional<String> basis, String content) implements CommunityEvent {

    public enum Answer {
        CONSENT, CONCERN, OBJECT, WITHDRAW;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Answer> fromLabel(String s) {
            for (Answer a : values()) if (a.label().equals(s)) return Optional.of(a);
            return Optional.empty();
        }
    }
}
