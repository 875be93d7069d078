package mutual.protocol.negentropy;

import mutual.protocol.event.EventId;

/**
 * One record in a reconciled set: its timestamp (for Nostr, {@code created_at}; unsigned, never
 * the reserved infinity value) and its 32-byte id.
 */
public record Item(long timestamp, EventId id) implements Comparable<Item> {
    public Item {
        if (timestamp == Bound.INFINITY_TIMESTAMP) throw new IllegalArgumentException("timestamp 2^64-1 is reserved for infinity");
        java.util.Objects.requireNonNull(id, "id");
    }

    /** Negentropy's order: timestamp ascending (unsigned), then id bytes ascending. */
    @Override
    public int compareTo(Item o) {
        int c = Long.compareUnsigned(timestamp, o.timestamp);
        return c != 0 ? c : id.compareTo(o.id);
    }
}
