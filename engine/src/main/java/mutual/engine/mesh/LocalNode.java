package mutual.engine.mesh;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import mutual.engine.ingest.IngestListener;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.sync.SyncSession;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;

/** What replication needs from this node: its set, its events and its one ingest path. */
public interface LocalNode {
    /** This node's reconciliation set for {@code filter}: what a peer may see of it (no gift wraps). */
    SyncSession set(Filter filter);

    Optional<Event> get(EventId id);

    /** The events of {@code ids} this node holds, in any order: one read for many, where the store allows. */
    default List<Event> get(Collection<EventId> ids) {
        return ids.stream().map(this::get).flatMap(Optional::stream).toList();
    }

    /** The one ingest path; events from peers go in marked {@link Source.Peer}. */
    CompletableFuture<Outcome> submit(Event event, Source source);

    /** Observes events this node newly accepts, to stream them to peers. */
    void addListener(IngestListener listener);
}
