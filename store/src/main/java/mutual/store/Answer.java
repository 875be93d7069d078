package mutual.store;

import java.util.ArrayList;
import java.util.List;
import mutual.protocol.event.EventId;

/**
 * A REQ's stored answer, read a page at a time: the store settles which events belong (their
 * keys, in NIP-01 order) at once, and hands out their JSON in pages as the relay sends them, so
 * that an answer of 500 events of 250 KB is never held whole (issue 17: four at once ran the
 * node out of memory).
 */
public interface Answer {
    /** Ids of the events in the answer, in answer order. */
    List<EventId> ids();

    /**
     * The next events in answer order: about {@code maxBytes} of JSON, and at least one; empty at
     * the end. An event removed or expired since the answer was settled is left out.
     */
    List<StoredEvent> next(long maxBytes);

    /** About how much memory the answer holds now, at most: its keys and the JSON read with them. */
    long heldBytes();

    /** Memory of one event's place in an answer that is not read yet: its key, id and bookkeeping. */
    long BYTES_PER_KEY = 160;

    /** An answer already held whole (stores without paging; tests). */
    static Answer of(List<StoredEvent> events) {
        List<StoredEvent> all = List.copyOf(events);
        return new Answer() {
            private int at;

            @Override
            public List<EventId> ids() {
                return all.stream().map(StoredEvent::id).toList();
            }

            @Override
            public long heldBytes() {
                return all.stream().mapToLong(e -> e.json().length + BYTES_PER_KEY).sum();
            }

            @Override
            public List<StoredEvent> next(long maxBytes) {
                List<StoredEvent> page = new ArrayList<>();
                long bytes = 0;
                while (at < all.size() && (page.isEmpty() || bytes + all.get(at).json().length <= maxBytes)) {
                    bytes += all.get(at).json().length;
                    page.add(all.get(at++));
                }
                return page;
            }
        };
    }
}
