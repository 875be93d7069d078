package mutual.engine.aid;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;

/** Reads a person's latest event of a replaceable kind from the store (for {@link PTagLists}). */
final class StoreLists {
    private StoreLists() {}

    static Function<PubKey, Optional<Event>> latest(EventStore store, int kind) {
        return who -> store.query(List.of(Filter.builder().kinds(kind).authors(who).limit(1).build()), Viewer.node(), 1).stream().findFirst();
    }
}
