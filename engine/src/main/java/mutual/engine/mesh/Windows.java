package mutual.engine.mesh;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import mutual.engine.ingest.Prefix;
import mutual.protocol.filter.Filter;

/**
 * The time windows of a filter still to reconcile, one negentropy session each: the whole filter
 * at first. A peer may refuse a set larger than its cap (NIP-77 leaves the cap to relays; ours is
 * {@code max-sync-records}) with a {@code blocked:} reason saying there are too many, before
 * answering at all. Then the refused window's time range is halved and each half reconciled in
 * turn, so any cap can be worked with.
 */
final class Windows {
    /** Used as the end of a window without {@code until} when it is halved: beyond any honest clock skew. */
    private static final long FUTURE_MARGIN_SECONDS = 86_400;

    private final ArrayDeque<Filter> left = new ArrayDeque<>();

    Windows(Filter whole) {
        left.add(whole);
    }

    /** The next window to reconcile, or empty when all are done. */
    Optional<Filter> next() {
        return Optional.ofNullable(left.poll());
    }

    /** Whether a {@code NEG-ERR} reason refuses a set for its size (and may be worked around by halving). */
    static boolean refusesSize(String reason) {
        return reason.startsWith(Prefix.BLOCKED.wire() + ":") && reason.toLowerCase(Locale.ROOT).contains("too many");
    }

    /**
     * Puts the two halves of {@code refused} first in line; false when its time range cannot be
     * halved any more (a single second).
     */
    boolean split(Filter refused, long nowSeconds) {
        long since = refused.since().orElse(0);
        long until = refused.until().orElse(nowSeconds + FUTURE_MARGIN_SECONDS);
        if (until <= since) return false;
        long mid = since + (until - since) / 2;
        left.addFirst(within(refused, mid + 1, until));
        left.addFirst(within(refused, since, mid));
        return true;
    }

    /**
     * Puts {@code window} split at {@code at} first in line: [since, at - 1] and [at, until]; false
     * when {@code at} leaves one side empty.
     */
    boolean splitAt(Filter window, long at) {
        long since = window.since().orElse(0);
        if (at <= since || (window.until().isPresent() && at > window.until().getAsLong())) return false;
        Filter w = window;
        left.addFirst(new Filter(w.ids(), w.authors(), w.kinds(), w.tags(), OptionalLong.of(at), w.until(), w.limit(), w.search()));
        left.addFirst(within(window, since, at - 1));
        return true;
    }

    /** Puts {@code window} first in line again, to be reconciled afresh. */
    void again(Filter window) {
        left.addFirst(window);
    }

    static Filter within(Filter f, long since, long until) {
        return new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), OptionalLong.of(since), OptionalLong.of(until), f.limit(), f.search());
    }
}
