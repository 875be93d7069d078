package mutual.app.node;

import java.util.Locale;
import java.util.Optional;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.engine.aid.Aid;
import mutual.engine.sync.SyncIndex;

/**
 * The most heap a node can need, as a formula of its settings (docs/node.md, "Memory"), and the
 * number of connections the heap leaves room for when {@code max-connections} is 0. Each term is
 * a bound the node enforces, not an average:
 *
 * <pre>
 * heap ≥ 48 MiB                                  the node at rest (classes, Jetty, caches, metrics)
 *      + max-indexed-listings × 1 KiB            the matching index (by default a quarter of the heap)
 *      + stored events × 40 B                    the sync index, once loaded
 *      + max-pending-output-bytes-total          unsent output of all connections, held live events and answers
 *      + max-pending-input-bytes-total × 3       EVENTs taken and not yet answered: the text, the decoded event, its JSON
 *      + max-connections × (max-message-bytes + 64 KiB)   a message half received, and Jetty's buffers
 * </pre>
 */
record MemoryFormula(long maxHeap, long listings, long events, long outputBudget, long inputBudget, long connections, long maxMessageBytes) {
    static final long MIB = 1 << 20;
    /** A node at rest with no connections: measured at 30–40 MiB live after a full collection, with room. */
    static final long AT_REST = 48 * MIB;
    /** Jetty's buffers and the session of one connection, besides a message being received. */
    static final long PER_CONNECTION = 64 << 10;
    /** The launcher's own figure for max-connections 0 never goes above this (file descriptors run out first). */
    static final int MOST_CONNECTIONS = 4096;
    /** Nor below this: a node that cannot take a few dozen connections is of no use, heap or not. */
    static final int FEWEST_CONNECTIONS = 32;
    /** Heap per character of an EVENT in flight: its message text, the decoded event and the JSON the writer stores. */
    static final int INPUT_COPIES = 3;

    /** The formula for a node with {@code events} stored, its settings, and {@code maxHeap}; max-connections 0 is sized here. */
    static MemoryFormula of(Config c, long events, long maxHeap) {
        int maxListings = c.get(NodeSettings.MAX_INDEXED_LISTINGS);
        long listings = Aid.listingIndexBytes(maxListings > 0 ? maxListings : Aid.defaultMaxListings());
        long output = c.get(NodeSettings.MAX_PENDING_OUTPUT_BYTES_TOTAL);
        long input = (long) c.get(NodeSettings.MAX_PENDING_INPUT_BYTES_TOTAL) * INPUT_COPIES;
        long message = c.get(NodeSettings.MAX_MESSAGE_BYTES);
        int set = c.get(NodeSettings.MAX_CONNECTIONS);
        MemoryFormula without = new MemoryFormula(maxHeap, listings, events, output, input, 0, message);
        long connections = set > 0 ? set
                : Math.clamp((maxHeap - without.total()) / without.perConnection(), FEWEST_CONNECTIONS, MOST_CONNECTIONS);
        return new MemoryFormula(maxHeap, listings, events, output, input, connections, message);
    }

    long perConnection() {
        return maxMessageBytes + PER_CONNECTION;
    }

    long syncIndex() {
        return events * (SyncIndex.MAX_BYTES_PER_EVENT / 2); // as loaded; twice that while it is rebuilt
    }

    /** The worst case in bytes. */
    long total() {
        return AT_REST + listings + syncIndex() + outputBudget + inputBudget + connections * perConnection();
    }

    /** The terms with their values, for the log and the docs. */
    String explain() {
        return String.format(Locale.ROOT, "%d MiB at rest + %d MiB listing index + %d MiB sync index (%,d events) + %d MiB output budget"
                        + " + %d MiB input budget + %d connections × %d KiB = %d MiB",
                AT_REST / MIB, listings / MIB, syncIndex() / MIB, events, outputBudget / MIB, inputBudget / MIB, connections, perConnection() >> 10, total() / MIB);
    }

    /** A warning when the worst case does not fit the heap, naming the settings to lower or the heap to give. */
    Optional<String> warning() {
        if (total() <= maxHeap) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT,
                "at its limits this node could need %d MiB of heap and has %d MiB: %s. Lower max-connections,"
                        + " max-pending-output-bytes-total or max-pending-input-bytes-total, or give it more heap, e.g. MUTUAL_JAVA_OPTS=\"-Xmx%dm -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError\"",
                total() / MIB, maxHeap / MIB, explain(), Math.max(256, total() * 5 / 4 / MIB)));
    }
}
