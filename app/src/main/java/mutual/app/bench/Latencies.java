package mutual.app.bench;

import java.util.Arrays;

/** Collected durations in nanoseconds, with percentiles. Not thread-safe: one per worker, then merged. */
final class Latencies {
    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) add(other.values[i]);
    }

    int count() {
        return size;
    }

    /** The p-th percentile (0–100) in milliseconds. */
    double percentileMs(double p) {
        if (size == 0) return Double.NaN;
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, idx))] / 1e6;
    }
}
