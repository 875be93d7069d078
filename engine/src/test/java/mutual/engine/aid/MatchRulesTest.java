package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.MatchAction;
import org.junit.jupiter.api.Test;

class MatchRulesTest {
    static final Optional<ListingType> NEED = Optional.of(ListingType.NEED);

    @Test
    void doneBeforeTheOtherSideAcceptedIsRefusedSayingWhoIsAwaited() {
        String why = MatchRules.refusal(MatchState.SUGGESTED, Set.of(ListingType.NEED), NEED, MatchAction.DONE).orElseThrow();
        assertEquals("not both sides accepted yet: waiting for the offer side", why);
    }

    @Test
    void stepsAfterDoneAreRefusedExceptThanksAndFeedback() {
        Set<ListingType> both = Set.of(ListingType.NEED, ListingType.OFFER);
        for (MatchAction a : Set.of(MatchAction.ACCEPT, MatchAction.DECLINE, MatchAction.DONE))
            assertTrue(MatchRules.refusal(MatchState.DONE, both, NEED, a).isPresent(), a.label());
        assertEquals(Optional.empty(), MatchRules.refusal(MatchState.DONE, both, NEED, MatchAction.THANKS));
        assertEquals(Optional.empty(), MatchRules.refusal(MatchState.DONE, both, NEED, MatchAction.FEEDBACK));
    }

    @Test
    void someoneWhoPostedNeitherListingIsToldSo() {
        assertTrue(MatchRules.refusal(MatchState.SUGGESTED, Set.of(), Optional.empty(), MatchAction.ACCEPT).orElseThrow().contains("neither side"));
    }

    @Test
    void aFreshSuggestionCanBeAcceptedOrDeclined() {
        assertEquals(Optional.empty(), MatchRules.refusal(MatchState.SUGGESTED, Set.of(), NEED, MatchAction.ACCEPT));
        assertEquals(Optional.empty(), MatchRules.refusal(MatchState.SUGGESTED, Set.of(), NEED, MatchAction.DECLINE));
    }
}
