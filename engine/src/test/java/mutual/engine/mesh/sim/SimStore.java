package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Prefix;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.VectorStorage;

/**
 * The model of an honest node's durable store (the default {@link NodeStore}), with the NIP-01 and NIP-09 rules of the real one: only the
 * newest version of a replaceable or addressable event is kept per address (pubkey, kind and,
 * for addressable kinds, the {@code d} tag; at equal {@code created_at} the lowest id wins), an
 * older version arriving later is a duplicate, and a kind 5 deletion removes the events of its
 * author it names and refuses them afterwards, with the real node's message.
 */
final class SimStore implements NodeStore {
    static final int DELETION = 5;
    private static final int GIFT_WRAP = 1059;
    static final String NEWER_HELD = "have a newer version";
    static final String DELETED = "deleted: its author asked for its deletion (NIP-09)";

    private final NavigableMap<EventId, Event> events = new TreeMap<>();
    /** The id kept for each address. */
    private final Map<String, EventId> latest = new HashMap<>();
    /** Ids named by a stored deletion, with the deletions' authors. */
    private final Map<EventId, Set<PubKey>> deletedBy = new HashMap<>();

    @Override
    public String kind() {
        return "model";
    }

    @Override
    public NavigableMap<EventId, Event> events() {
        return events;
    }

    @Override
    public Outcome write(Event e) {
        Optional<Outcome> refused = refusal(e);
        return refused.isPresent() ? refused.get() : new Outcome.Stored(e.id(), put(e));
    }

    @Override
    public List<Event> query(Filter filter) {
        List<Event> out = new ArrayList<>();
        if (filter.ids().isPresent()) {
            for (EventId id : new TreeSet<>(filter.ids().get())) {
                Event e = events.get(id);
                if (e != null && filter.matches(e)) out.add(e);
            }
            return out;
        }
        for (Event e : events.values()) if (filter.matches(e)) out.add(e);
        return out;
    }

    @Override
    public VectorStorage set(Filter filter) {
        VectorStorage.Builder b = VectorStorage.builder();
        for (Event e : events.values()) if (e.kind() != GIFT_WRAP && filter.matches(e)) b.add(e.createdAt(), e.id());
        return b.seal();
    }

    /** The address of a replaceable or addressable event, or null for others. */
    static String address(Event e) {
        KindClass kc = e.kindClass();
        if (kc == KindClass.REPLACEABLE) return e.pubkey().hex() + ":" + e.kind();
        if (kc == KindClass.ADDRESSABLE) return e.pubkey().hex() + ":" + e.kind() + ":" + e.dTag();
        return null;
    }

    /** Whether {@code a} wins over {@code b} at the same address: later, or as old with the lower id. */
    static boolean newer(Event a, Event b) {
        if (a.createdAt() != b.createdAt()) return a.createdAt() > b.createdAt();
        return a.id().compareTo(b.id()) < 0;
    }

    /** The ids a kind 5 event names in its {@code e} tags. */
    static List<EventId> named(Event deletion) {
        List<EventId> out = new ArrayList<>();
        for (Tag t : deletion.tagsNamed("e")) {
            Optional<String> v = t.value();
            if (v.isPresent() && v.get().length() == 64) out.add(EventId.fromHex(v.get()).orElseThrow());
        }
        return out;
    }

    /** What storing {@code e} would answer instead of storing it: held, superseded or deleted; empty to store it. */
    @Override
    public Optional<Outcome> refusal(Event e) {
        if (events.containsKey(e.id())) return Optional.of(new Outcome.AlreadyHave(e.id(), "have it"));
        if (deleted(e))
            return Optional.of(new Outcome.Rejected(e.id(), Prefix.BLOCKED, DELETED));
        String a = address(e);
        if (a != null) {
            EventId cur = latest.get(a);
            if (cur != null && !newer(e, events.get(cur))) return Optional.of(new Outcome.AlreadyHave(e.id(), NEWER_HELD));
        }
        return Optional.empty();
    }

    /** Stores {@code e} (which {@link #refusal} let through); returns how many versions it replaced. */
    int put(Event e) {
        events.put(e.id(), e);
        int replaced = 0;
        String a = address(e);
        if (a != null) {
            EventId old = latest.put(a, e.id());
            if (old != null && events.remove(old) != null) replaced++;
        }
        if (e.kind() == DELETION) {
            for (EventId id : named(e)) {
                deletedBy.computeIfAbsent(id, k -> new HashSet<>()).add(e.pubkey());
                Event target = events.get(id);
                if (target != null && target.pubkey().equals(e.pubkey()) && target.kind() != DELETION) {
                    events.remove(id);
                    String ta = address(target);
                    if (ta != null) latest.remove(ta, id);
                }
            }
        }
        return replaced;
    }

    /** Whether a stored deletion of {@code e}'s author names it. */
    @Override
    public boolean deleted(Event e) {
        return e.kind() != DELETION && deletedBy.getOrDefault(e.id(), Set.of()).contains(e.pubkey());
    }
}
