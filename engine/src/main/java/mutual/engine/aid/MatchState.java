package mutual.engine.aid;

import java.util.Locale;

/** Where a match is (docs/protocol.md, "Matches"). */
public enum MatchState {
    SUGGESTED, ACCEPTED, DONE, DECLINED, EXPIRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
