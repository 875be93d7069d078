package mutual.protocol.aid;

import java.util.Locale;
import java.util.Optional;

/** How soon a listing's author needs an answer (namespace {@link AidKinds#NS_URGENCY}); {@link #NORMAL} when absent. */
public enum Urgency {
    LOW, NORMAL, URGENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Urgency> fromLabel(String s) {
        for (Urgency u : values()) if (u.label().equals(s)) return Optional.of(u);
        return Optional.empty();
    }
}
