package mutual.protocol.aid;

import java.util.Locale;
import java.util.Optional;

/**
 * The small shared taxonomy of listings (namespace {@link AidKinds#NS_CATEGORY}). It is kept small
 * on purpose so that needs and offers written by different people meet; free {@code t} tags carry
 * anything finer.
 */
public enum Category {
    FOOD, HOUSING, TRANSPORT, HEALTH, CHILDCARE, TOOLS, SKILLS, MONEY, COMPANY, OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Category> fromLabel(String s) {
        for (Category c : values()) if (c.label().equals(s)) return Optional.of(c);
        return Optional.empty();
    }
}
