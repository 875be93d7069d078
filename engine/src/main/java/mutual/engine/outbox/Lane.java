package mutual.engine.outbox;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sends to one relay, in order, on one virtual thread while there is work. A lane that stayed
 * idle for {@link #IDLE_SECONDS} is retired: its sender's connection is closed and it takes no more.
 */
final class Lane {
    static final long IDLE_SECONDS = 30;

    private final String url;
    private final Deliveries owner;
    private final Deque<Deliveries.Pending> queue = new ArrayDeque<>();
    private boolean running, retired;
    private long idleSince = System.nanoTime();

    Lane(String url, Deliveries owner) {
        this.url = url;
        this.owner = owner;
    }

    String url() {
        return url;
    }

    /** Takes {@code p}; false when this lane is retired (the caller makes a new one). */
    synchronized boolean add(Deliveries.Pending p) {
        if (retired) return false;
        queue.add(p);
        if (!running) {
            running = true;
            Thread.ofVirtual().name("mutual-outbox-" + url).start(this::drain);
        }
        return true;
    }

    private void drain() {
        while (true) {
            Deliveries.Pending p;
            synchronized (this) {
                p = queue.poll();
                if (p == null) {
                    running = false;
                    idleSince = System.nanoTime();
                    break;
                }
            }
            Deliveries.Result r;
            try {
                r = owner.sender().send(url, p.event());
            } catch (RuntimeException e) {
                r = Deliveries.Result.RETRY;
            }
            owner.settle(url, p, r);
        }
        owner.retireLater(this);
    }

    synchronized boolean retireIfIdle() {
        if (running || !queue.isEmpty() || System.nanoTime() - idleSince < IDLE_SECONDS * 1_000_000_000L - 1_000_000L) return false;
        retired = true;
        close();
        return true;
    }

    void close() {
        owner.sender().idle(url);
    }
}
