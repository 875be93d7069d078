package mutual.engine.mesh;

import static org.junit.jupiter.api.Assertions.*;

import java.util.OptionalLong;
import mutual.protocol.filter.Filter;
import org.junit.jupiter.api.Test;

class WindowsTest {
    @Test
    void aRefusedWindowIsReconciledAsTwoHalvesThatCoverItExactly() {
        Filter whole = Filter.builder().kinds(1).since(100).until(199).build();
        Windows w = new Windows(whole);
        Filter first = w.next().orElseThrow();
        assertEquals(whole, first);
        assertTrue(w.split(first, 1_000));
        Filter a = w.next().orElseThrow(), b = w.next().orElseThrow();
        assertEquals(OptionalLong.of(100), a.since());
        assertEquals(OptionalLong.of(149), a.until());
        assertEquals(OptionalLong.of(150), b.since());
        assertEquals(OptionalLong.of(199), b.until());
        assertEquals(whole.kinds(), b.kinds(), "a half keeps the rest of the filter");
        assertTrue(w.next().isEmpty());
    }

    @Test
    void anOpenEndedWindowEndsADayPastNowAndASingleSecondCannotBeSplit() {
        Windows w = new Windows(Filter.builder().build());
        assertTrue(w.split(w.next().orElseThrow(), 1_000));
        assertEquals(OptionalLong.of(0), w.next().orElseThrow().since());
        assertEquals(OptionalLong.of(1_000 + 86_400), w.next().orElseThrow().until());
        assertFalse(new Windows(Filter.builder().build()).split(Filter.builder().since(5).until(5).build(), 1_000));
    }

    @Test
    void onlyABlockedTooManyRefusalAsksForSmallerWindows() {
        assertTrue(Windows.refusesSize("blocked: too many records; use a narrower filter (at most 1000 per sync)"), "our own refusal");
        assertFalse(Windows.refusesSize("blocked: not allowed"));
        assertFalse(Windows.refusesSize("error: too many things went wrong"));
    }
}
