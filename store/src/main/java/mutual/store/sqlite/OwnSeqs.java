package mutual.store.sqlite;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The {@code seq} values this process's writer gave to events it stored, as ranges of
 * consecutive values, so that events other processes stored in between can be told apart
 * ({@link OtherWriters}). Rows get their seq in commit order, whoever writes, so
 * the ranges stay sorted. Not thread-safe; {@link SqliteStore} guards it with its lock.
 */
final class OwnSeqs {
    private final Deque<long[]> ranges = new ArrayDeque<>();

    void add(long seq) {
        long[] last = ranges.peekLast();
        if (last != null && last[1] + 1 == seq) last[1] = seq;
        else ranges.addLast(new long[] {seq, seq});
    }

    boolean contains(long seq) {
        for (long[] r : ranges) if (seq >= r[0] && seq <= r[1]) return true;
        return false;
    }

    /** How many recorded values are above {@code seq}. */
    long countAbove(long seq) {
        long n = 0;
        for (long[] r : ranges) if (r[1] > seq) n += r[1] - Math.max(r[0], seq + 1) + 1;
        return n;
    }

    /** Forgets the values up to {@code seq}, which no later question can ask about. */
    void dropUpTo(long seq) {
        while (!ranges.isEmpty() && ranges.peekFirst()[1] <= seq) ranges.removeFirst();
        if (!ranges.isEmpty() && ranges.peekFirst()[0] <= seq) ranges.peekFirst()[0] = seq + 1;
    }
}
