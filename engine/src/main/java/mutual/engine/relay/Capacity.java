package mutual.engine.relay;

/**
 * Node-wide limits of the relay, across connections: what keeps a few dozen hostile sockets from
 * filling the heap (issue 17; the worst case they bound is in docs/node.md, "Memory").
 *
 * @param maxPendingBytesTotal unsent output of all connections together; past it the slowest readers are shed
 * @param maxConnections       open WebSocket connections in all
 * @param maxConnectionsPerIp  open connections from one address
 * @param answerWindowBytes    a REQ's stored answer is read from the store a page at a time, the
 *                             next page only once less than this is left unsent on the connection
 * @param maxPendingInputTotal characters of EVENT messages of all connections taken and not yet
 *                             answered; past it, connections with an event in flight are not read
 */
public record Capacity(long maxPendingBytesTotal, int maxConnections, int maxConnectionsPerIp, int answerWindowBytes, long maxPendingInputTotal) {
    public Capacity {
        if (maxPendingBytesTotal < 1 || maxConnections < 1 || maxConnectionsPerIp < 1 || answerWindowBytes < 1 || maxPendingInputTotal < 1)
            throw new IllegalArgumentException("capacity limits must be positive: " + this);
    }

    public static Capacity defaults() {
        return new Capacity(64L << 20, 1024, 32, 1 << 20, 8L << 20);
    }

    public Capacity withConnections(int total, int perIp) {
        return new Capacity(maxPendingBytesTotal, total, perIp, answerWindowBytes, maxPendingInputTotal);
    }

    public Capacity withMaxPendingBytesTotal(long n) {
        return new Capacity(n, maxConnections, maxConnectionsPerIp, answerWindowBytes, maxPendingInputTotal);
    }

    public Capacity withMaxPendingInputTotal(long n) {
        return new Capacity(maxPendingBytesTotal, maxConnections, maxConnectionsPerIp, answerWindowBytes, n);
    }
}
