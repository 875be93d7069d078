package mutual.protocol.community;

import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/** A membership act (kind 1404); {@code subject} is the person a vouch or unvouch names. */
public record MemberAct(EventId id, PubKey author, long createdAt, EventId community, Act act,
                        Optional<PubKey> subject, String content) implements CommunityEvent {

    public enum Act {
        JOIN, VOUCH, UNVOUCH, LEAVE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean namesSomeone() {
            return this == VOUCH || this == UNVOUCH;
        }

        public static Optional<Act> fromLabel(String s) {
            for (Act a : values()) if (a.label().equals(s)) return Optional.of(a);
            return Optional.empty();
        }
    }

    /** The person this act is about: the subject of a vouch or unvouch, else the author. */
    public PubKey person() {
        return subject.orElse(author);
    }
}
