package mutual.store.sqlite;

import java.util.List;
import java.util.function.Function;
import mutual.protocol.event.EventId;
import mutual.store.Answer;
import mutual.store.StoredEvent;

/**
 * A REQ's answer settled as keys ({@link Reads#answerKeys}), whose JSON is read a page at a time
 * on a read connection borrowed for that page only, so a client that reads slowly holds neither
 * a connection nor the whole answer.
 */
final class PagedAnswer implements Answer {
    /** At most this many events per page, whatever their size. */
    private static final int MAX_PAGE_EVENTS = 500;

    private final List<Reads.Row> keys;
    private final Function<List<Reads.Row>, List<StoredEvent>> read;
    private int at;

    PagedAnswer(List<Reads.Row> keys, Function<List<Reads.Row>, List<StoredEvent>> read) {
        this.keys = keys;
        this.read = read;
    }

    @Override
    public List<EventId> ids() {
        return keys.stream().map(k -> EventId.of(k.id())).toList();
    }

    @Override
    public long heldBytes() {
        return keys.stream().mapToLong(k -> BYTES_PER_KEY + (k.json() == null ? 0 : k.json().length)).sum();
    }

    @Override
    public synchronized List<StoredEvent> next(long maxBytes) {
        while (at < keys.size()) {
            int from = at;
            long bytes = 0;
            while (at < keys.size() && at - from < MAX_PAGE_EVENTS && (at == from || bytes + keys.get(at).size() <= maxBytes))
                bytes += keys.get(at++).size();
            List<Reads.Row> page = keys.subList(from, at);
            // Without a connection when every event of the page came with the keys.
            List<StoredEvent> events = page.stream().allMatch(k -> k.json() != null)
                    ? page.stream().map(k -> k.stored(k.json())).toList()
                    : read.apply(page);
            for (int i = from; i < at; i++) keys.set(i, keys.get(i).withoutJson()); // sent: its JSON need not stay
            if (!events.isEmpty()) return events;
        }
        return List.of();
    }
}
