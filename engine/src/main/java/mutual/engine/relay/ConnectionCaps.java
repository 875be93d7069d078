package mutual.engine.relay;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections the node holds open, in total and from one address (as nginx's
 * {@code limit_conn}): without a cap, 2,000 sockets from one address opened in 18 s (issue 17),
 * and every socket is memory. The address is the one the relay sees ({@link ConnectionInfo#ip}):
 * behind a reverse proxy that is the proxy's unless the node is told the client's.
 */
final class ConnectionCaps {
    private final int total;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

    ConnectionCaps(int total, int perAddress) {
        if (total < 1 || perAddress < 1) throw new IllegalArgumentException("connection caps must be positive");
        this.total = total;
        this.perAddress = perAddress;
    }

    /** Takes a place for a connection from {@code ip}; empty when it has one, else why not (fits a close frame). */
    Optional<String> admit(String ip) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return Optional.of("this node is at its limit of " + total + " connections; try again later");
        }
        boolean[] room = {false};
        byAddress.compute(ip, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perAddress) return n;
            room[0] = true;
            return now + 1;
        });
        if (room[0]) return Optional.empty();
        open.decrementAndGet();
        return Optional.of("too many connections from your address (limit " + perAddress + "); close one first");
    }

    /** Gives back the place a connection from {@code ip} held. */
    void release(String ip) {
        open.decrementAndGet();
        byAddress.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
    }

    int open() {
        return open.get();
    }
}
