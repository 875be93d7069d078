package mutual.engine.mesh;

import java.util.Optional;
import mutual.protocol.filter.Filter;

/**
 * What a reconciliation does when negentropy over one window fails because one side could not
 * read the other's message: a bug on either side, or a peer whose implementation reads the
 * protocol differently (issue 15: one such message left a link failing at every sync). The first
 * time, the window is tried again. The same failure twice, and negentropy is not relied on there:
 * a window holding more than {@link #WHOLE_AT_MOST} of this node's events is halved (at the
 * median of their timestamps, or in time) and each half reconciled afresh; a smaller one, or one
 * that cannot be halved, is moved whole by REQ and EVENT. At most {@link #MAX_STEPS} such steps per
 * sync, so a peer that garbles every message still ends it.
 */
final class Fallback {
    /** This node's events in a window moved whole by REQ and EVENT rather than halved again. */
    static final int WHOLE_AT_MOST = 500;
    /** Halvings and whole moves per sync: enough to isolate one bad spot in millions of events. */
    static final int MAX_STEPS = 16;

    /** What to do with a window after a failure. */
    sealed interface Step {
        record Retry() implements Step {}

        /** Reconcile these two halves instead (the windows list already holds them first). */
        record Halved(String note) implements Step {}

        /** Move the window by REQ and EVENT. */
        record Whole(String note) implements Step {}

        record GiveUp(String reason) implements Step {}
    }

    private Filter lastWindow;
    private String lastWay = "";
    private int steps;
    private int count;
    private String first = "";

    /**
     * The step after negentropy over {@code window} failed {@code way} (a short phrase without
     * byte offsets, so that two failures of the same kind compare equal) for {@code reason}.
     * {@code ours} is this node's event count in the window and {@code median} their median timestamp.
     */
    Step failed(Filter window, String way, String reason, int ours, long median, Windows windows, long nowSeconds) {
        boolean again = window.equals(lastWindow) && way.equals(lastWay);
        lastWindow = window;
        lastWay = way;
        if (!again) return new Step.Retry();
        lastWindow = null;
        if (steps++ >= MAX_STEPS) {
            return new Step.GiveUp(reason + " (still, after " + MAX_STEPS + " narrower ranges and moves by REQ/EVENT)");
        }
        String where = describe(window);
        String note;
        Step step;
        if (ours > WHOLE_AT_MOST && (windows.splitAt(window, median) || windows.split(window, nowSeconds))) {
            note = "negentropy over " + where + " failed twice (" + reason + "); reconciling it in two halves";
            step = new Step.Halved(note);
        } else {
            note = "negentropy over " + where + " failed twice (" + reason + "); moving it by REQ/EVENT";
            step = new Step.Whole(note);
        }
        if (count++ == 0) first = note;
        return step;
    }

    /** For the sync's report: empty, or how many fallbacks and the first. */
    Optional<String> summary() {
        if (count == 0) return Optional.empty();
        return Optional.of(count == 1 ? first : count + " fallbacks, the first: " + first);
    }

    private static String describe(Filter w) {
        String since = w.since().isPresent() ? String.valueOf(w.since().getAsLong()) : "the start";
        String until = w.until().isPresent() ? String.valueOf(w.until().getAsLong()) : "now";
        return "created_at " + since + " to " + until;
    }
}
