package mutual.engine.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one import that are between the reader and their final outcome. The reader may
 * run at most {@code window} lines ahead of the oldest unfinished one, which keeps memory flat
 * whatever the file's size; outcomes arrive in any order and are folded into the counts in line
 * order, so the counts always describe a whole prefix of the file, which is what a checkpoint
 * may record.
 */
final class Ledger {
    enum Kind { STORED, DUPLICATE, REFUSED, INVALID, FAILED }

    static final int MAX_REASONS = 32;
    static final int MAX_EXAMPLES = 10;
    static final String OTHER = "(other reasons)";

    private final int window;
    private final Kind[] kinds;
    private final String[] reasons;
    private long next; // the oldest line without a folded outcome
    private Checkpoints.Checkpoint beforeFirstFailure; // counts up to the first failed line, when one failed
    private long stored, duplicate, refused, invalid, failed;
    private final Map<String, Long> reasonCounts = new LinkedHashMap<>();
    private final List<Counts.Example> examples = new ArrayList<>();

    /** Starts after {@code done} lines that an earlier run finished with the given counts. */
    Ledger(int window, long done, Counts earlier) {
        this.window = window;
        this.kinds = new Kind[window];
        this.reasons = new String[window];
        this.next = done + 1;
        stored = earlier.stored();
        duplicate = earlier.duplicate();
        refused = earlier.refused();
        invalid = earlier.invalid();
        failed = earlier.failed();
        reasonCounts.putAll(earlier.reasons());
    }

    /** Blocks until {@code line} fits in the window. */
    synchronized void awaitRoom(long line) throws InterruptedException {
        while (line >= next + window) wait();
    }

    /** Records the final outcome of a line; {@code reason} is null for stored and duplicate lines. */
    synchronized void record(long line, Kind kind, String reason) {
        int slot = (int) (line % window);
        kinds[slot] = kind;
        reasons[slot] = reason;
        boolean moved = false;
        while (kinds[(int) (next % window)] != null) {
            int s = (int) (next % window);
            fold(next, kinds[s], reasons[s]);
            kinds[s] = null;
            reasons[s] = null;
            next++;
            moved = true;
        }
        if (moved) notifyAll();
    }

    private void fold(long line, Kind kind, String reason) {
        switch (kind) {
            case STORED -> stored++;
            case DUPLICATE -> duplicate++;
            case REFUSED -> refused++;
            case INVALID -> invalid++;
            case FAILED -> {
                if (beforeFirstFailure == null) beforeFirstFailure = new Checkpoints.Checkpoint(line - 1, counts());
                failed++;
            }
        }
        if (reason == null) return;
        String key = reasonCounts.containsKey(reason) || reasonCounts.size() < MAX_REASONS ? reason : OTHER;
        reasonCounts.merge(key, 1L, Long::sum);
        if (kind == Kind.INVALID && examples.size() < MAX_EXAMPLES) examples.add(new Counts.Example(line, reason));
    }

    /** Blocks until every line up to {@code last} has its outcome. */
    synchronized void awaitAll(long last) throws InterruptedException {
        while (next <= last) wait();
    }

    /** Lines finished, counted from the start of the file. */
    synchronized long done() {
        return next - 1;
    }

    /** What a checkpoint may record: the lines finished, up to the first that failed (a later run retries it), and their counts. */
    synchronized Checkpoints.Checkpoint checkpoint() {
        return beforeFirstFailure != null ? beforeFirstFailure : new Checkpoints.Checkpoint(next - 1, counts());
    }

    synchronized Counts counts() {
        return new Counts(stored, duplicate, refused, invalid, failed, reasonCounts, examples);
    }
}
