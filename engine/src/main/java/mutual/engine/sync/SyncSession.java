package mutual.engine.sync;

import java.util.function.Function;
import mutual.protocol.negentropy.Bound;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.NegentropyStorage;
import mutual.protocol.negentropy.VectorStorage;

/**
 * One reconciliation set of this node, for either side of a NIP-77 session: the answering side
 * calls {@link #reconcile}; the initiating side (a peer sync) runs a client over {@link #read}.
 * Throws {@link mutual.protocol.negentropy.NegentropyException} for a malformed message.
 */
public sealed interface SyncSession {
    /** Runs {@code work} over the set as it is now. */
    <T> T read(Function<NegentropyStorage, T> work);

    NegentropyConfig config();

    /** Items this session reconciles (at the time it opened). */
    int size();

    /** The answer to one client message. */
    default byte[] reconcile(byte[] message) {
        return read(set -> Negentropy.server(set, config()).reconcile(message));
    }

    /**
     * A {@code since}/{@code until} slice of the node-wide {@link SyncIndex}, read in place. The
     * protocol keeps no state between messages, so each message is answered over the index as it
     * is then: events stored meanwhile simply take part.
     */
    record Windowed(SyncIndex index, Bound lower, Bound upper, NegentropyConfig config, int size) implements SyncSession {
        @Override
        public <T> T read(Function<NegentropyStorage, T> work) {
            return index.read(all -> work.apply(all.window(lower, upper)));
        }
    }

    /** A set of its own, built once from a store query for filters the index cannot answer. */
    record Filtered(VectorStorage set, NegentropyConfig config) implements SyncSession {
        @Override
        public <T> T read(Function<NegentropyStorage, T> work) {
            return work.apply(set);
        }

        @Override
        public int size() {
            return set.size();
        }
    }
}
