package mutual.engine.aid;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;
import mutual.store.EventStore;
import mutual.store.Viewer;

/** Every stored event of one kind, newest first, read a page at a time so memory stays flat. */
public final class StorePages {
    static final int PAGE = 1000;

    private StorePages() {}

    public static void forEach(EventStore store, int kind, Consumer<Event> visit) {
        forEach(store, () -> Filter.builder().kinds(kind), visit);
    }

    /** Every event the filter made by {@code base} matches, newest first, a page at a time. */
    public static void forEach(EventStore store, Supplier<FilterBuilder> base, Consumer<Event> visit) {
        long until = Long.MAX_VALUE;
        Set<EventId> seenAtUntil = new HashSet<>(); // events at the cursor's second already visited
        while (true) {
            List<Event> page = store.query(List.of(base.get().until(until).limit(PAGE).build()), Viewer.node(), PAGE);
            boolean fresh = false;
            for (Event e : page) {
                if (e.createdAt() == until && seenAtUntil.contains(e.id())) continue;
                visit.accept(e);
                fresh = true;
            }
            if (page.size() < PAGE) return;
            long oldest = page.getLast().createdAt();
            if (!fresh) {
                // A whole page of one second, all seen: take that second in one read, then move past it.
                for (Event e : store.query(List.of(base.get().since(until).until(until).build()), Viewer.node(), Integer.MAX_VALUE))
                    if (!seenAtUntil.contains(e.id())) visit.accept(e);
                if (until == 0) return;
                until--;
                seenAtUntil.clear();
                continue;
            }
            if (oldest != until) seenAtUntil.clear();
            until = oldest;
            for (Event e : page) if (e.createdAt() == oldest) seenAtUntil.add(e.id());
        }
    }
}
