package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void thePercentageIsTheShareOfTheCountsItShows() {
        // A cut-short bundle: its manifest promised 30,000 events and 5,236 were taken.
        assertEquals("[####....................]  17%  5,236/30,000 events  2,618/s  stored 5,236",
                ProgressLine.line(new ProgressLine.Snapshot(5236, 30000, "events", "stored 5,236"), 2));
    }

    @Test
    void anUnknownTotalShowsCountsWithoutABar() {
        assertEquals("1,200 events  600/s", ProgressLine.line(new ProgressLine.Snapshot(1200, 0, "events", ""), 2));
    }

    @Test
    void nothingIsDrawnWithoutATerminal() {
        var text = new java.io.StringWriter();
        try (ProgressLine p = ProgressLine.start(new java.io.PrintWriter(text), false, () -> new ProgressLine.Snapshot(1, 2, "events", ""))) {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals("", text.toString(), "tests run without a console, as a pipe or a log would");
    }
}
