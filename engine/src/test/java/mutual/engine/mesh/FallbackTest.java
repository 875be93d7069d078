package mutual.engine.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import mutual.protocol.filter.Filter;
import org.junit.jupiter.api.Test;

class FallbackTest {
    private static final String BAD = "the peer sent a bad negentropy message";
    private final Filter window = Filter.builder().kinds(1).since(100).until(199).build();

    @Test
    void theFirstFailureIsTriedAgainAndTheSameOneTwiceMovesASmallWindowWhole() {
        Fallback f = new Fallback();
        Windows w = new Windows(window);
        w.next();
        assertInstanceOf(Fallback.Step.Retry.class, f.failed(window, BAD, BAD + ": at byte 3", 10, 150, w, 1_000));
        Fallback.Step second = f.failed(window, BAD, BAD + ": at byte 5", 10, 150, w, 1_000);
        Fallback.Step.Whole whole = assertInstanceOf(Fallback.Step.Whole.class, second);
        assertTrue(whole.note().contains("failed twice") && whole.note().contains("REQ/EVENT") && whole.note().contains("100 to 199"), whole.note());
        assertTrue(w.next().isEmpty(), "nothing left to reconcile by negentropy");
        assertEquals(whole.note(), f.summary().orElseThrow());
    }

    @Test
    void aLargeWindowIsHalvedAtTheMedianOfItsEvents() {
        Windows w = new Windows(window);
        halvedTwice(new Fallback(), w, 180);
        Filter a = w.next().orElseThrow(), b = w.next().orElseThrow();
        assertEquals(OptionalLong.of(100), a.since());
        assertEquals(OptionalLong.of(179), a.until());
        assertEquals(OptionalLong.of(180), b.since());
        assertEquals(OptionalLong.of(199), b.until());
        assertEquals(window.kinds(), a.kinds());
    }

    @Test
    void aMedianAtTheStartHalvesInTimeAndAnotherFailureStartsAgainWithARetry() {
        Fallback f = new Fallback();
        Windows w = new Windows(window);
        halvedTwice(f, w, 100);
        assertEquals(OptionalLong.of(149), w.next().orElseThrow().until());
        assertInstanceOf(Fallback.Step.Retry.class, f.failed(window, "the peer could not read our negentropy message", "x", 1, 100, w, 1_000),
                "a failure of another kind is tried again first");
    }

    @Test
    void aPeerThatGarblesEverythingEndsTheSyncAfterBoundedSteps() {
        Fallback f = new Fallback();
        Windows w = new Windows(window);
        Fallback.Step last = null;
        int attempts = 0;
        for (var next = w.next(); next.isPresent() && !(last instanceof Fallback.Step.GiveUp); next = w.next()) {
            attempts++;
            last = f.failed(next.get(), BAD, BAD, 1_000_000, next.get().since().orElse(0) + 1, w, 1_000);
            if (last instanceof Fallback.Step.Retry) w.again(next.get());
        }
        assertInstanceOf(Fallback.Step.GiveUp.class, last);
        assertEquals(2 * (Fallback.MAX_STEPS + 1), attempts, "each step after a failure and its retry, then one more pair");
        assertTrue(f.summary().orElseThrow().startsWith(Fallback.MAX_STEPS + " fallbacks, the first: "), f.summary().orElseThrow());
    }

    /** The window failed twice the same way with more events of ours than are moved whole: it is halved. */
    private void halvedTwice(Fallback f, Windows w, long median) {
        w.next();
        f.failed(window, BAD, BAD, Fallback.WHOLE_AT_MOST + 1, median, w, 1_000);
        assertInstanceOf(Fallback.Step.Halved.class, f.failed(window, BAD, BAD, Fallback.WHOLE_AT_MOST + 1, median, w, 1_000));
    }
}
