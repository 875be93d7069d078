package mutual.engine.aid;

import java.util.Optional;
import java.util.Set;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;

/**
 * Whether one side's next step would move a match, and if not why, in words a person can act on
 * (docs/protocol.md, "Matches"). The CLI asks before it signs, so a step the node would store but
 * not count is refused instead of being reported as sent.
 */
public final class MatchRules {
    private MatchRules() {}

    /** Empty when {@code step} by {@code side} applies to a match in {@code state}; otherwise the reason it would not. */
    public static Optional<String> refusal(MatchState state, Set<ListingType> acceptedBy, Optional<ListingType> side, MatchAction step) {
        if (side.isEmpty()) return Optional.of("you are neither side of this match (the key in use posted neither listing)");
        ListingType me = side.get(), other = me == ListingType.NEED ? ListingType.OFFER : ListingType.NEED;
        return Optional.ofNullable(switch (step) {
            case ACCEPT -> switch (state) {
                case SUGGESTED -> acceptedBy.contains(me) ? "you already accepted; waiting for the " + other.label() + " side to accept" : null;
                case ACCEPTED -> "both sides already accepted; when it has happened, finish it with: mutual match done";
                default -> "the match is " + state.label() + "; it can no longer be accepted";
            };
            case DECLINE -> switch (state) {
                case SUGGESTED, ACCEPTED -> null;
                default -> "the match is " + state.label() + "; there is nothing to decline";
            };
            case DONE -> switch (state) {
                case ACCEPTED -> null;
                case SUGGESTED -> acceptedBy.contains(me) ? "not both sides accepted yet: waiting for the " + other.label() + " side"
                        : "not both sides accepted yet: accept first with: mutual match accept";
                case DONE -> "the match is already done; say thanks or give feedback instead";
                default -> "the match is " + state.label() + "; it cannot be done";
            };
            case THANKS, FEEDBACK -> state == MatchState.DONE ? null
                    : "thanks and feedback come after the match is done; it is " + state.label();
            case SUGGEST -> "only the node suggests matches";
        });
    }
}
