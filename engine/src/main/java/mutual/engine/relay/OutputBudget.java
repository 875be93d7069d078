package mutual.engine.relay;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One budget for the output that all connections together have queued and not yet written. Each
 * connection's own cap ({@link RelayConfig#maxPendingBytes}) is not enough: thirty clients that
 * stop reading may each hold their full cap, and together they filled the heap (issue 17). When
 * the sum passes the budget, the connections holding the most (the slowest readers) are shed,
 * largest first, until the rest hold at most three quarters of it.
 */
final class OutputBudget {
    private final long max;
    private final Runnable onShed;
    private final AtomicLong pending = new AtomicLong();
    private final Set<Outbox> outboxes = ConcurrentHashMap.newKeySet();

    OutputBudget(long max, Runnable onShed) {
        if (max < 1) throw new IllegalArgumentException("the output budget must be positive");
        this.max = max;
        this.onShed = onShed;
    }

    void register(Outbox o) {
        outboxes.add(o);
    }

    void forget(Outbox o) {
        outboxes.remove(o);
    }

    /** Counts {@code n} more bytes queued somewhere; over the budget, sheds the slowest readers. */
    void add(long n) {
        if (pending.addAndGet(n) > max) shed();
    }

    void release(long n) {
        pending.addAndGet(-n);
    }

    /** Bytes queued on all connections, including those being shed whose queues are not yet freed. */
    long pending() {
        return pending.get();
    }

    long max() {
        return max;
    }

    /**
     * Sheds open connections, those holding the most first, until the open ones hold at most three
     * quarters of the budget. Connections already shed still count in {@link #pending} until
     * their queues are freed, but not here, so that one burst does not shed everyone.
     */
    private synchronized void shed() {
        List<Outbox> open = outboxes.stream().filter(o -> !o.isClosed())
                .sorted(Comparator.comparingLong(Outbox::pending).reversed()).toList();
        long held = open.stream().mapToLong(Outbox::pending).sum();
        if (held <= max) return;
        for (Outbox o : open) {
            if (held <= max - max / 4) break;
            long p = o.pending();
            if (p == 0) break;
            held -= p;
            // A close reason must fit in 123 bytes.
            o.shed(String.format(java.util.Locale.ROOT,
                    "too slow to read: the node's unsent output passed %d MiB and this connection held the most", max >> 20));
            onShed.run();
        }
    }
}
