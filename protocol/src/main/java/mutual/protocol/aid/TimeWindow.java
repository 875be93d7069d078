package mutual.protocol.aid;

/** When a listing's help is wanted or available, in unix seconds, both ends included ({@code ["window", start, end]}). */
public record TimeWindow(long start, long end) {
    public TimeWindow {
        if (start < 0 || end < start) throw new IllegalArgumentException("a time window runs from start to a later end, got " + start + ".." + end);
    }

    /** Whether the two windows share at least one second. */
    public boolean overlaps(TimeWindow o) {
        return start <= o.end && o.start <= end;
    }

    /** Seconds shared with the other window (0 when they do not overlap). */
    public long overlapSeconds(TimeWindow o) {
        return Math.max(0, Math.min(end, o.end) - Math.max(start, o.start));
    }
}
