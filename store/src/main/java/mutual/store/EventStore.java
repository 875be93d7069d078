package mutual.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;

/**
 * Where a node keeps events. Implementations (SQLite now, PostgreSQL later) keep every SQL
 * dialect detail inside themselves. Writes ({@link #write}, {@link #purgeExpired}) come from one
 * writer thread; reads from any thread.
 *
 * <p>The store applies NIP-01 storage semantics itself, atomically with the write: replaceable
 * and addressable events replace older versions (newest {@code created_at} wins, the lowest id
 * breaks ties), NIP-09 deletions remove the events they name and stop them from coming back,
 * NIP-62 vanish requests remove everything of their author up to their time, and NIP-40 expired
 * events are hidden from reads and dropped by {@link #purgeExpired(long)}.
 *
 * <p>A kind 62 event passed to {@link #write} is acted on as a request to vanish from this
 * relay: the engine decides whether a request names this relay and passes only those.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Stores a batch in one transaction and returns one outcome per event, in order. When this
     * method returns, every {@link WriteOutcome#stored() stored} event is durable. Events of the
     * batch see the effects of earlier ones (a duplicate inside the batch is a {@code Duplicate}).
     *
     * @throws StoreException when the database fails; then nothing of the batch is stored
     */
    List<WriteOutcome> write(List<Event> batch);

    /**
     * As {@link #write}, for events whose stored JSON the caller already made: each
     * {@link StoredEvent#json()} must be exactly {@link mutual.protocol.event.EventJson#writeBytes}
     * of its event. The node makes it on its verifier threads, so the single writer need not.
     */
    default List<WriteOutcome> writeEncoded(List<StoredEvent> batch) {
        return write(batch.stream().map(StoredEvent::event).toList());
    }

    /**
     * As {@link #writeEncoded}, but may return before the batch is durable: it is once a later
     * {@link #sync()} returns. The batch is visible to readers at once. This lets the single
     * writer commit the next batch while another thread waits for the disk; whoever
     * acknowledges events must call {@link #sync()} first.
     */
    default List<WriteOutcome> writeDeferred(List<StoredEvent> batch) {
        return writeEncoded(batch);
    }

    /** Returns once every batch written so far is durable (see {@link #writeDeferred}). Thread-safe. */
    default void sync() {}

    /**
     * Events matching any of the filters, newest first ({@code created_at} descending, then id
     * ascending), each filter's {@code limit} applied to its own matches and capped by
     * {@code maxLimit}, without duplicates. Gift wraps (kind 1059) are returned only to viewers
     * named in their {@code p} tag; expired events (NIP-40) are never returned.
     */
    default List<Event> query(List<Filter> filters, Viewer viewer, int maxLimit) {
        return queryStored(filters, viewer, maxLimit).stream().map(StoredEvent::event).toList();
    }

    /** As {@link #query}, with each event's stored JSON, for sending without serializing again. */
    List<StoredEvent> queryStored(List<Filter> filters, Viewer viewer, int maxLimit);

    /**
     * As {@link #queryStored}, read a page at a time: which events belong is settled now, their
     * JSON is read as {@link Answer#next} asks for it, so a large answer is never held whole.
     */
    default Answer answer(List<Filter> filters, Viewer viewer, int maxLimit) {
        return Answer.of(queryStored(filters, viewer, maxLimit));
    }

    /** How many stored events match any of the filters (NIP-45), with the same visibility rules as {@link #query}. */
    long count(List<Filter> filters, Viewer viewer);

    /** The stored event with this id, unless it has expired. No visibility rules: the caller is the node. */
    Optional<StoredEvent> get(EventId id);

    /**
     * Visits every unexpired event with {@code since <= created_at <= until}, oldest first
     * ({@code created_at} ascending, then id ascending), for sync and export. The visit reads in
     * pages, so a long scan neither holds the database nor sees a single snapshot.
     */
    void scan(long since, long until, Consumer<StoredEvent> visitor);

    /**
     * Visits the (created_at, id, kind) of every unexpired event, oldest first, without decoding
     * JSON: how the node-wide NIP-77 sync index is built at start.
     */
    default void scanKeys(KeyVisitor visitor) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list keys");
    }

    /**
     * Visits the keys of events matching {@code filter} that {@code viewer} may see (the same
     * rules as {@link #query}), newest first, at most {@code max} of them (the filter's own
     * {@code limit} is not applied: the caller decides). Returns how many it visited.
     */
    default long filterKeys(Filter filter, Viewer viewer, long max, KeyVisitor visitor) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list keys");
    }

    /**
     * Whether another process (a bundle import or a sync run by hand on this data folder)
     * committed to the store since the last call; the first call answers for the time since the
     * store was opened. What it wrote is served at once, but its changes never reach this
     * process's {@link ChangeListener}s: whoever keeps the store's contents in memory must read
     * them again.
     */
    default boolean changedElsewhere() {
        return false;
    }

    /**
     * Events that other processes stored since the last call (or since the store opened), oldest
     * first: the newest {@code max} of them, with {@code more} set when there were others. For
     * a running node, so that its live subscribers and peers see what was written beside it.
     */
    default Elsewhere writtenElsewhere(int max) {
        return new Elsewhere(List.of(), false);
    }

    /** See {@link #writtenElsewhere}. */
    record Elsewhere(List<Event> events, boolean more) {}

    /**
     * Whether {@link #writtenElsewhere} reports every event other processes store (unless it sets
     * {@code more}), so that a node passing them on need not read the store again: true where
     * several node processes share one store as one relay (PostgreSQL).
     */
    default boolean reportsWritesElsewhere() {
        return false;
    }

    /**
     * Calls {@code wake} (quickly, on any thread) whenever another process has committed, so that
     * a node asks {@link #changedElsewhere()} at once rather than at its next look. Stores that
     * cannot tell never call it.
     */
    default void onChangedElsewhere(Runnable wake) {}

    /**
     * Who runs the work that must run once per store (see {@link Leadership}); the first call
     * starts taking part, and closing the store leaves. Stores only one process opens: always this one.
     */
    default Leadership leadership() {
        return Leadership.sole();
    }

    /** Reports every later committed change (see {@link ChangeListener}). */
    default void addChangeListener(ChangeListener listener) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not report changes");
    }

    /**
     * Does up to {@code max} events' worth of work that commits put off (the full-text index of
     * the SQLite store); the ingest writer calls it when no batch waits. Returns how many events
     * it handled, 0 when nothing waits. Searches never wait for it: the store catches up first.
     */
    default int catchUp(int max) {
        return 0;
    }

    /** Removes events whose NIP-40 expiration is at or before {@code now}, in bounded batches; returns how many. */
    int purgeExpired(long now);

    /** Total stored events, expired ones not yet purged included. */
    long size();

    /**
     * {@link #size}, or the database's own estimate where counting a large store takes long: what
     * a health check shows, asking it as the way to learn that the store answers.
     */
    default long approximateSize() {
        return size();
    }

    /** What the store shows about itself on the node's {@code /metrics}; nothing by default. */
    default List<StoreGauge> gauges() {
        return List.of();
    }

    /** Runs the database's own integrity check; empty when healthy, otherwise its report. */
    Optional<String> integrityProblem();

    @Override
    void close();
}
