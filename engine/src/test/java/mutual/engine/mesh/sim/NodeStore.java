package mutual.engine.mesh.sim;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import mutual.engine.ingest.Outcome;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.VectorStorage;

/**
 * Where an honest node of the simulation keeps its events: the in-memory model ({@link SimStore})
 * or a real store behind the {@code EventStore} contract ({@link RealStore}, SQLite or
 * PostgreSQL), so that a mesh can mix them. Every call is synchronous and answers from what the
 * store holds alone, so a run stays a function of its seed whichever stores its nodes use.
 */
interface NodeStore {
    /** "model", "sqlite" or "postgresql". */
    String kind();

    /** What storing {@code e} would answer instead of storing it (held, superseded or deleted); empty to store it. */
    Optional<Outcome> refusal(Event e);

    /** Stores {@code e}, or answers why not, as {@link #refusal} would. */
    Outcome write(Event e);

    /** Everything held, by id (a view to read, not to change). */
    NavigableMap<EventId, Event> events();

    /** The stored event with this id. */
    default Optional<Event> get(EventId id) {
        return Optional.ofNullable(events().get(id));
    }

    /** Whether a stored deletion of {@code e}'s author names it. */
    boolean deleted(Event e);

    /** Stored events matching {@code filter} (its {@code limit} left to the caller), in id order. */
    List<Event> query(Filter filter);

    /** The reconciliation set for {@code filter}: every stored match but gift wraps. */
    VectorStorage set(Filter filter);

    /** The node went down: a real store is closed, and opened again by the next call. */
    default void crashed() {}

    /** Opens the store of each honest node of a run, by its name. */
    @FunctionalInterface
    interface Factory {
        /** Every node on the model: the simulation as it always ran. */
        Factory MODEL = (world, node) -> new SimStore();

        NodeStore open(World world, String node);
    }

    /** What the store's own checks found wrong over the run (see {@link RealStore}); empty for the model. */
    default List<String> problems() {
        return List.of();
    }
}
