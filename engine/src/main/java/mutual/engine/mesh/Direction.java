package mutual.engine.mesh;

import java.util.Locale;

/** Which way events flow with a peer: {@code up} sends ours, {@code down} takes theirs, {@code both} does both. */
public enum Direction {
    UP, DOWN, BOTH;

    public boolean sends() {
        return this != DOWN;
    }

    public boolean receives() {
        return this != UP;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code up}, {@code down} or {@code both}. */
    public static Direction parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "up" -> UP;
            case "down" -> DOWN;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("direction must be up, down or both, not '" + text + "'");
        };
    }
}
