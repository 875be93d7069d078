package mutual.protocol.community;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/** What a proposal would change if it passed. */
public sealed interface Change {
    String label();

    /** Sets agreement {@code key} to {@code text}; an empty text removes it. */
    record Agreement(String key, String text) implements Change {
        public String label() { return "agreement"; }
    }

    /** This community consents to a link with {@code other}. */
    record Link(EventId other) implements Change {
        public String label() { return "link"; }
    }

    /** Removes {@code member}, who broke the agreement {@code breach}. */
    record Remove(PubKey member, String breach) implements Change {
        public String label() { return "remove"; }
    }
}
