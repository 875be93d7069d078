package mutual.store.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mutual.protocol.event.EventId;
import mutual.store.Answer;
import mutual.store.StoredEvent;
import mutual.store.StoredJson;

/**
 * A REQ's answer settled as keys, whose JSON is read a page at a time (issue 17: answers of large
 * events held whole ran a node out of memory). An event deleted or expired since the answer was
 * settled is left out.
 */
final class PgAnswer implements Answer {
    /** At most this many events per page, whatever their size. */
    private static final int MAX_PAGE_EVENTS = 500;

    private final List<PgReads.Row> keys;
    private final Function<List<Long>, Map<Long, byte[]>> read;
    private int at;

    PgAnswer(List<PgReads.Row> keys, Function<List<Long>, Map<Long, byte[]>> read) {
        this.keys = keys;
        this.read = read;
    }

    @Override
    public List<EventId> ids() {
        return keys.stream().map(k -> EventId.of(k.id())).toList();
    }

    @Override
    public long heldBytes() {
        return (long) (keys.size() - at) * BYTES_PER_KEY;
    }

    @Override
    public synchronized List<StoredEvent> next(long maxBytes) {
        while (at < keys.size()) {
            int from = at;
            long bytes = 0;
            while (at < keys.size() && at - from < MAX_PAGE_EVENTS && (at == from || bytes + keys.get(at).size() <= maxBytes))
                bytes += keys.get(at++).size();
            List<PgReads.Row> page = keys.subList(from, at);
            Map<Long, byte[]> json = read.apply(page.stream().map(PgReads.Row::seq).toList());
            List<StoredEvent> events = new ArrayList<>(page.size());
            for (PgReads.Row k : page) {
                byte[] j = json.get(k.seq());
                if (j != null) events.add(StoredJson.undecoded(k.createdAt(), k.id(), k.kind(), k.expiration(), j));
            }
            if (!events.isEmpty()) return events;
        }
        return List.of();
    }
}
