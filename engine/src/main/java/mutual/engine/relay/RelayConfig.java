package mutual.engine.relay;

import java.time.Duration;
import mutual.engine.policy.PolicyConfig.Rate;

/**
 * Per-connection limits of the relay.
 *
 * @param maxSubscriptions  open REQs per connection; one more is answered with CLOSED
 * @param maxLimit          most stored events one REQ filter returns (NIP-11 {@code max_limit})
 * @param maxPendingBytes   unsent output after which a connection that stopped reading is dropped
 * @param messageRate       client messages other than EVENT per second (and burst) on one connection
 * @param maxEventsInFlight EVENTs of one connection awaiting their OK; past this the connection is
 *                          not read until some are answered (backpressure: nothing is refused)
 * @param maxLiveBuffer     live events held for a REQ while its stored answer is being sent
 * @param idleTimeout       a connection with no traffic for this long is closed
 * @param maxSyncSessions   open NIP-77 reconciliations per connection; one more gets NEG-ERR
 * @param maxSyncRecords    most events one NIP-77 reconciliation may cover; a bigger set gets NEG-ERR
 * @param capacity          the node-wide limits across connections
 */
public record RelayConfig(int maxSubscriptions, int maxLimit, long maxPendingBytes, Rate messageRate, int maxLiveBuffer, Duration idleTimeout,
                          int maxSyncSessions, long maxSyncRecords, Capacity capacity, int maxEventsInFlight) {
    public RelayConfig {
        if (maxSubscriptions < 1 || maxLimit < 1 || maxPendingBytes < 1 || maxLiveBuffer < 1 || maxSyncSessions < 1 || maxSyncRecords < 1 || maxEventsInFlight < 1)
            throw new IllegalArgumentException("relay limits must be positive: " + this);
    }

    public static RelayConfig defaults() {
        return new RelayConfig(100, 500, 8L << 20, new Rate(50, 500), 1000, Duration.ofMinutes(10), 8, 500_000, Capacity.defaults(), 256);
    }

    public RelayConfig withMaxSubscriptions(int n) {
        return new RelayConfig(n, maxLimit, maxPendingBytes, messageRate, maxLiveBuffer, idleTimeout, maxSyncSessions, maxSyncRecords, capacity, maxEventsInFlight);
    }

    public RelayConfig withMaxLimit(int n) {
        return new RelayConfig(maxSubscriptions, n, maxPendingBytes, messageRate, maxLiveBuffer, idleTimeout, maxSyncSessions, maxSyncRecords, capacity, maxEventsInFlight);
    }

    public RelayConfig withMaxPendingBytes(long n) {
        return new RelayConfig(maxSubscriptions, maxLimit, n, messageRate, maxLiveBuffer, idleTimeout, maxSyncSessions, maxSyncRecords, capacity, maxEventsInFlight);
    }

    public RelayConfig withMessageRate(Rate r) {
        return new RelayConfig(maxSubscriptions, maxLimit, maxPendingBytes, r, maxLiveBuffer, idleTimeout, maxSyncSessions, maxSyncRecords, capacity, maxEventsInFlight);
    }

    public RelayConfig withMaxSyncSessions(int n) {
        return new RelayConfig(maxSubscriptions, maxLimit, maxPendingBytes, messageRate, maxLiveBuffer, idleTimeout, n, maxSyncRecords, capacity, maxEventsInFlight);
    }

    public RelayConfig withCapacity(Capacity c) {
        return new RelayConfig(maxSubscriptions, maxLimit, maxPendingBytes, messageRate, maxLiveBuffer, idleTimeout, maxSyncSessions, maxSyncRecords, c, maxEventsInFlight);
    }

    public RelayConfig withMaxSyncRecords(long n) {
        return new RelayConfig(maxSubscriptions, maxLimit, maxPendingBytes, messageRate, maxLiveBuffer, idleTimeout, maxSyncSessions, n, capacity, maxEventsInFlight);
    }

    public RelayConfig withMaxEventsInFlight(int n) {
        return new RelayConfig(maxSubscriptions, maxLimit, maxPendingBytes, messageRate, maxLiveBuffer, idleTimeout, maxSyncSessions, maxSyncRecords, capacity, n);
    }
}
