package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Prefix;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.VectorStorage;
import mutual.store.EventStore;
import mutual.store.StoredEvent;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;

/**
 * A simulated node's events in a real store behind the {@link EventStore} contract (SQLite or
 * PostgreSQL): every write, read, key listing and refusal is the store's own answer, through the
 * calls a running node makes ({@code write}, {@code get}, {@code query}, {@code filterKeys}).
 * A crash closes the store; the next call opens it again from disk, as a restarted node would.
 *
 * <p>Beside it runs a shadow {@link SimStore} fed the same writes: every answer of the real
 * store (outcome of a write, refusal, query, reconciliation set) is compared with the model's,
 * and {@link #problems()} reports where they differed, what the store held at the end against
 * what the model holds, and the store's integrity check. So a mixed mesh checks the model
 * against the real stores along the whole story, not only at the end.
 */
final class RealStore implements NodeStore, AutoCloseable {
    /** Far above any set a simulated node holds. */
    private static final int ALL = 1_000_000;
    private static final int GIFT_WRAP = 1059;
    private static final int SHOWN = 5;

    private final String kind;
    private final String node;
    private final Supplier<EventStore> opener;
    private final SimStore shadow = new SimStore();
    private final List<String> disagreements = new ArrayList<>();
    private EventStore store;
    /** What a full read found, until the next write or close. */
    private NavigableMap<EventId, Event> held;
    private int opens;

    /** @param opener opens the node's store afresh each time (the same folder or schema every time) */
    RealStore(String kind, String node, Supplier<EventStore> opener) {
        this.kind = kind;
        this.node = node;
        this.opener = opener;
    }

    @Override
    public String kind() {
        return kind;
    }

    /** How many times the store was opened (one more for every crash the node lived through). */
    int opens() {
        return opens;
    }

    private EventStore store() {
        if (store == null) {
            store = opener.get();
            opens++;
        }
        return store;
    }

    @Override
    public Optional<Outcome> refusal(Event e) {
        Optional<Outcome> real = realRefusal(e);
        agree(e, "the refusal", real.map(RealStore::describe).orElse("none"), shadow.refusal(e).map(RealStore::describe).orElse("none"));
        return real;
    }

    /** The refusal as the real store's reads tell it: held, superseded by the held version of its address, or deleted. */
    private Optional<Outcome> realRefusal(Event e) {
        EventId id = e.id();
        if (store().get(id).isPresent()) return Optional.of(new Outcome.AlreadyHave(id, "have it"));
        if (deleted(e)) return Optional.of(new Outcome.Rejected(id, Prefix.BLOCKED, SimStore.DELETED));
        if (SimStore.address(e) == null) return Optional.empty();
        var f = Filter.builder().kinds(e.kind()).authors(e.pubkey());
        if (e.kindClass() == mutual.protocol.event.KindClass.ADDRESSABLE) f.tag('d', e.dTag());
        for (Event h : store().query(List.of(f.build()), Viewer.node(), ALL))
            if (SimStore.address(e).equals(SimStore.address(h)) && !SimStore.newer(e, h)) return Optional.of(new Outcome.AlreadyHave(id, SimStore.NEWER_HELD));
        return Optional.empty();
    }

    @Override
    public Outcome write(Event e) {
        WriteOutcome w = store().write(List.of(e)).getFirst();
        held = null;
        EventId id = e.id();
        Outcome real = switch (w) { // as the node's ingest writer maps them
            case WriteOutcome.Stored s -> new Outcome.Stored(id, s.replaced());
            case WriteOutcome.Duplicate d -> new Outcome.AlreadyHave(id, "have it");
            case WriteOutcome.Superseded s -> new Outcome.AlreadyHave(id, SimStore.NEWER_HELD);
            case WriteOutcome.Deleted d -> new Outcome.Rejected(id, Prefix.BLOCKED, d.reason());
            case WriteOutcome.Ephemeral x -> throw new IllegalStateException("the simulation makes no ephemeral events: " + id.hex());
        };
        agree(e, "the write", describe(real), describe(shadow.write(e)));
        return real;
    }

    @Override
    public NavigableMap<EventId, Event> events() {
        if (held == null) {
            NavigableMap<EventId, Event> m = new TreeMap<>();
            for (Event e : store().query(List.of(Filter.builder().build()), Viewer.node(), ALL)) m.put(e.id(), e);
            held = Collections.unmodifiableNavigableMap(m);
        }
        return held;
    }

    @Override
    public Optional<Event> get(EventId id) {
        return store().get(id).map(StoredEvent::event);
    }

    @Override
    public boolean deleted(Event e) {
        if (e.kind() == SimStore.DELETION) return false;
        Filter f = Filter.builder().kinds(SimStore.DELETION).authors(e.pubkey()).tag('e', e.id().hex()).build();
        return !store().query(List.of(f), Viewer.node(), 1).isEmpty();
    }

    /** The store's answer without the filter's {@code limit} (the caller applies it), in id order as the model gives it. */
    @Override
    public List<Event> query(Filter filter) {
        Filter all = new Filter(filter.ids(), filter.authors(), filter.kinds(), filter.tags(), filter.since(), filter.until(),
                OptionalInt.empty(), filter.search());
        List<Event> out = new ArrayList<>(store().query(List.of(all), Viewer.node(), ALL));
        out.sort(Comparator.comparing(Event::id));
        agree("a query for " + filter, ids(out), ids(shadow.query(filter)));
        return out;
    }

    /** The keys {@code filterKeys} lists, as the node's NIP-77 side reads them. */
    @Override
    public VectorStorage set(Filter filter) {
        VectorStorage.Builder b = VectorStorage.builder();
        store().filterKeys(filter, Viewer.node(), Long.MAX_VALUE, (createdAt, id, k) -> {
            if (k != GIFT_WRAP) b.add(createdAt, EventId.of(id));
        });
        VectorStorage real = b.seal();
        agree("the set for " + filter, keys(real), keys(shadow.set(filter)));
        return real;
    }

    @Override
    public void crashed() {
        close();
    }

    /**
     * The disagreements met along the run, then the end-of-run check: the store holds exactly
     * what the model holds, and passes its integrity check.
     */
    @Override
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!disagreements.isEmpty())
            out.add(node + " (" + kind + ") and the model disagreed " + disagreements.size() + " times; first: "
                    + String.join("; ", disagreements.subList(0, Math.min(SHOWN, disagreements.size()))));
        held = null;
        List<EventId> missing = new ArrayList<>(), extra = new ArrayList<>();
        for (EventId id : shadow.events().keySet()) if (!events().containsKey(id)) missing.add(id);
        for (EventId id : events().keySet()) if (!shadow.events().containsKey(id)) extra.add(id);
        if (!missing.isEmpty() || !extra.isEmpty())
            out.add(node + " (" + kind + ") holds " + events().size() + " events, the model " + shadow.events().size()
                    + ": missing " + shortIds(missing) + ", extra " + shortIds(extra));
        if (store().size() != events().size())
            out.add(node + " (" + kind + ") counts " + store().size() + " events but returns " + events().size());
        store().integrityProblem().ifPresent(p -> out.add(node + " (" + kind + ") fails its integrity check: " + p));
        return out;
    }

    @Override
    public void close() {
        if (store != null) store.close();
        store = null;
        held = null;
    }

    private void agree(Event e, String what, String real, String model) {
        if (!real.equals(model))
            disagreements.add(what + " of " + e.id().hex().substring(0, 12) + " (kind " + e.kind() + "): the store says " + real + ", the model " + model);
    }

    /** Compares two answers listed as keys, naming what one has and the other lacks. */
    private void agree(String what, List<String> real, List<String> model) {
        if (real.equals(model)) return;
        List<String> more = new ArrayList<>(real), fewer = new ArrayList<>(model);
        more.removeAll(model);
        fewer.removeAll(real);
        disagreements.add(what + ": the store gives " + real.size() + ", the model " + model.size()
                + (more.isEmpty() && fewer.isEmpty() ? ", the same in another order" : "; only the store's: " + shown(more) + ", only the model's: " + shown(fewer)));
    }

    private static String describe(Outcome o) {
        return switch (o) {
            case Outcome.Stored s -> "stored, replacing " + s.replaced();
            case Outcome.AlreadyHave a -> "have it (" + a.reason() + ")";
            case Outcome.Rejected r -> "rejected (" + r.message() + ")";
            default -> o.toString();
        };
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(e -> e.id().hex().substring(0, 16)).toList();
    }

    private static List<String> keys(VectorStorage s) {
        List<String> out = new ArrayList<>(s.size());
        byte[] id = new byte[32];
        for (int i = 0; i < s.size(); i++) {
            s.copyId(i, id, 0);
            out.add(s.timestamp(i) + ":" + EventId.of(id).hex().substring(0, 16));
        }
        return out;
    }

    private static String shortIds(List<EventId> ids) {
        return shown(ids.stream().map(id -> id.hex().substring(0, 12)).toList());
    }

    private static String shown(List<String> items) {
        return items.stream().limit(SHOWN).toList() + (items.size() > SHOWN ? " and " + (items.size() - SHOWN) + " more" : "");
    }
}
