package mutual.engine.aid;

import java.util.Optional;

/** How much a person trusts another, from 0 to 1, and why (for the reasons shown with a match). */
public record Trust(double score, Optional<String> reason) {
    public static final Trust NONE = new Trust(0, Optional.empty());

    public Trust {
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("trust is between 0 and 1, got " + score);
    }

    public static Trust of(double score, String reason) {
        return new Trust(score, Optional.of(reason));
    }
}
