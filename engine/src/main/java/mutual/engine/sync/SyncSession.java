package mutual.engine.sync;

import mutual.protocol.negentropy.Bound;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.NegentropyServer;

/**
 * One open NIP-77 reconciliation on the answering side: turns each client message into the
 * reply. Throws {@link mutual.protocol.negentropy.NegentropyException} for a malformed message.
 */
public sealed interface SyncSession {
    byte[] reconcile(byte[] message);

    /** Items this session reconciles (at the time it opened). */
    int size();

    /**
     * A {@code since}/{@code until} slice of the node-wide {@link SyncIndex}, read in place. The
     * protocol keeps no state between messages, so each message gets a fresh server over the
     * index as it is then: events stored meanwhile simply take part.
     */
    record Windowed(SyncIndex index, Bound lower, Bound upper, NegentropyConfig config, int size) implements SyncSession {
        @Override
        public byte[] reconcile(byte[] message) {
            return index.read(all -> Negentropy.server(all.window(lower, upper), config).reconcile(message));
        }
    }

    /** A set of its own, built once from a store query for filters the index cannot answer. */
    record Filtered(NegentropyServer server, int size) implements SyncSession {
        @Override
        public byte[] reconcile(byte[] message) {
            return server.reconcile(message);
        }
    }
}
