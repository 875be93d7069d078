package mutual.protocol.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.Test;

class MatchEventTest {
    @Test
    void readsASuggestionWithBothListingsAndScore() {
        MatchEvent m = MatchEvent.parse(AidExamples.suggest());
        assertEquals(MatchAction.SUGGEST, m.action());
        assertEquals(AidExamples.pair(), m.pair());
        assertEquals(Optional.of(0.87), m.score());
        assertEquals(AidExamples.NODE.publicKey(), m.author());
    }

    @Test
    void answersPointAtTheSuggestion() {
        MatchEvent m = MatchEvent.parse(AidExamples.step(MatchAction.ACCEPT, AidExamples.BOB, 5, ""));
        assertEquals(Optional.of(AidExamples.suggest().id()), m.replyTo());
        assertEquals(Optional.of(ListingType.OFFER), m.pair().sideOf(m.author()));
    }

    @Test
    void onlyTheTwoSidesMaySignAnAnswer() {
        assertThrows(AidException.class, () -> MatchEvent.builder(MatchAction.ACCEPT, AidExamples.pair()).sign(AidExamples.NODE, 1));
        Event forged = EventBuilder.create(AidKinds.MATCH, 1).tags(MatchEvent.builder(MatchAction.DONE, AidExamples.pair()).tags())
                .sign(AidExamples.NODE);
        AidException x = assertThrows(AidException.class, () -> MatchEvent.parse(forged));
        assertTrue(x.getMessage().contains("signed by the author"), x.getMessage());
    }

    @Test
    void aStepNeedsBothMarkedListingsAndOneStepLabel() {
        Event noOffer = EventBuilder.create(AidKinds.MATCH, 1).tag(Tag.of("a", AidExamples.pair().need().toString(), "", "need"))
                .tag("l", "accept", AidKinds.NS_MATCH).sign(AidExamples.ALICE);
        assertThrows(AidException.class, () -> MatchEvent.parse(noOffer));
        Event twoSteps = EventBuilder.create(AidKinds.MATCH, 1).tags(MatchEvent.builder(MatchAction.ACCEPT, AidExamples.pair()).tags())
                .tag("l", "decline", AidKinds.NS_MATCH).sign(AidExamples.ALICE);
        assertThrows(AidException.class, () -> MatchEvent.parse(twoSteps));
    }

    @Test
    void theRefIsTheSameForEveryStepOfAMatch() {
        String ref = MatchEvent.parse(AidExamples.suggest()).pair().ref();
        assertEquals(ref, MatchEvent.parse(AidExamples.step(MatchAction.THANKS, AidExamples.ALICE, 9, "thanks")).pair().ref());
        assertEquals(64, ref.length());
    }
}
