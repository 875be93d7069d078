package mutual.protocol.aid;

import java.util.Locale;
import java.util.Optional;

/**
 * One step of a match (namespace {@link AidKinds#NS_MATCH}). A node suggests; each side accepts or
 * declines; either side marks it done; each side may then thank or give feedback.
 */
public enum MatchAction {
    SUGGEST, ACCEPT, DECLINE, DONE, THANKS, FEEDBACK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether only one of the two listings' authors may sign this step (all but {@link #SUGGEST}). */
    public boolean bySide() {
        return this != SUGGEST;
    }

    public static Optional<MatchAction> fromLabel(String s) {
        for (MatchAction a : values()) if (a.label().equals(s)) return Optional.of(a);
        return Optional.empty();
    }
}
