package mutual.store;

import java.util.List;
import java.util.Optional;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;

/**
 * Where a node keeps events. Implementations (SQLite now, PostgreSQL later) keep every SQL
 * dialect detail inside themselves. Writes come from one writer thread; reads from any thread.
 *
 * <p>The store applies NIP-01 storage semantics itself, atomically with the write: replaceable
 * and addressable events replace older versions (newest {@code created_at} wins, the lowest id
 * breaks ties), NIP-09 deletions remove the events they name and stop them from coming back,
 * NIP-62 vanish requests remove everything of their author up to their time, and NIP-40 expired
 * events are dropped by {@link #purgeExpired(long)}.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Stores a batch in one transaction and returns one outcome per event, in order. When this
     * method returns, every {@link WriteOutcome#stored() stored} event is durable.
     */
    List<WriteOutcome> write(List<Event> batch);

    /**
     * Events matching any of the filters, newest first ({@code created_at} descending, then id
     * ascending), each filter's {@code limit} applied to its own matches and capped by
     * {@code maxLimit}, without duplicates. Gift wraps (kind 1059) are returned only to viewers
     * named in their {@code p} tag.
     */
    List<Event> query(List<Filter> filters, Viewer viewer, int maxLimit);

    /** How many stored events match any of the filters, with the same visibility rules as {@link #query}. */
    long count(List<Filter> filters, Viewer viewer);

    Optional<Event> get(EventId id);

    /** Removes events whose NIP-40 expiration is at or before {@code now}; returns how many. */
    int purgeExpired(long now);

    /** Total stored events. */
    long size();

    /** Runs the database's own integrity check; empty when healthy, otherwise its report. */
    Optional<String> integrityProblem();

    @Override
    void close();
}
