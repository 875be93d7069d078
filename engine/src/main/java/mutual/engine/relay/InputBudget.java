package mutual.engine.relay;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One budget for the EVENT messages of all connections that are taken and not yet answered: the
 * events waiting for a verifier, the policies and the writer. Past it, connections that already
 * have an event in flight are not read until answers go out (a connection with none may always
 * send one, so every client makes progress); those that waited are woken as the budget frees. With
 * the per-connection count ({@link RelayConfig#maxEventsInFlight()}), it keeps a publishing flood
 * in TCP's flow control instead of in the heap.
 */
final class InputBudget {
    private static final System.Logger LOG = System.getLogger(InputBudget.class.getName());
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final Set<ClientSession> waiting = ConcurrentHashMap.newKeySet();

    InputBudget(long limit) {
        this.limit = limit;
    }

    void take(long chars) {
        used.addAndGet(chars);
    }

    /**
     * Frees {@code chars} and wakes every connection that waited for room. One connection whose
     * wake-up fails (its socket closing under it) must not leave the others after it asleep.
     */
    void give(long chars) {
        used.addAndGet(-chars);
        if (waiting.isEmpty()) return;
        for (ClientSession s : waiting) {
            if (waiting.remove(s)) wake(s);
        }
    }

    private static void wake(ClientSession s) {
        try {
            s.readable();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not wake a connection paused on the input budget", e);
        }
    }

    /**
     * Whether there is room; if not, {@code session} is woken when some is freed, and in any case
     * after {@link #RECHECK_MILLIS}: a backstop, since a connection left unread is a stalled client
     * (a full test run once saw two publishers wait forever, wake-up lost, cause not found).
     */
    boolean roomFor(ClientSession session) {
        if (used.get() < limit) return true;
        waiting.add(session);
        // Freed between the check and the wait: look again, so the wake-up is not lost.
        if (used.get() < limit && waiting.remove(session)) return true;
        RECHECK.execute(() -> {
            if (waiting.remove(session)) wake(session);
        });
        return false;
    }

    static final long RECHECK_MILLIS = 50;
    private static final java.util.concurrent.Executor RECHECK =
            java.util.concurrent.CompletableFuture.delayedExecutor(RECHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);

    void forget(ClientSession session) {
        waiting.remove(session);
    }

    long used() {
        return used.get();
    }
}
