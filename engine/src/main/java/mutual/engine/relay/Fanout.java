package mutual.engine.relay;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;

/**
 * Delivers each new event to the live subscriptions that want it without scanning them all:
 * every filter is indexed under the values of its most selective condition (ids, then authors,
 * then a tag, then kinds); filters with none of those sit in a short match-all list. An event
 * looks up its own id, author, kind and tag values, and each candidate is confirmed with the
 * full filter before sending.
 */
public final class Fanout {
    private record Entry(LiveSubscription sub, Filter filter) {}

    private final Map<Object, Set<Entry>> index = new ConcurrentHashMap<>();
    private final Set<Entry> matchAll = ConcurrentHashMap.newKeySet();
    private final Map<LiveSubscription, List<Entry>> entries = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final LongAdder confirmations = new LongAdder();

    // Index keys: a typed record per condition so ids, authors, kinds and tags never collide.
    private record IdKey(Object id) {}
    private record AuthorKey(Object pubkey) {}
    private record KindKey(int kind) {}
    private record TagKey(char name, String value) {}

    void add(LiveSubscription sub) {
        List<Entry> list = sub.filters().stream().map(f -> new Entry(sub, f)).toList();
        if (entries.putIfAbsent(sub, list) != null) return;
        count.incrementAndGet();
        for (Entry e : list) {
            List<Object> keys = keysOf(e.filter());
            if (keys == null) matchAll.add(e);
            else for (Object k : keys) index.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(e);
        }
    }

    void remove(LiveSubscription sub) {
        List<Entry> list = entries.remove(sub);
        if (list == null) return;
        count.decrementAndGet();
        for (Entry e : list) {
            List<Object> keys = keysOf(e.filter());
            if (keys == null) matchAll.remove(e);
            else for (Object k : keys) index.computeIfPresent(k, (x, set) -> {
                set.remove(e);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Live subscriptions across all connections. */
    public int size() {
        return count.get();
    }

    /** How many filters were checked against events so far: what the index saves shows here. */
    long confirmations() {
        return confirmations.sum();
    }

    /** Sends {@code e} to every matching live subscription; its JSON is written at most once. */
    public void publish(Event e) {
        Outbox.Json[] json = new Outbox.Json[1];
        Supplier<Outbox.Json> once = () -> json[0] != null ? json[0] : (json[0] = Outbox.Json.of(e.toJson()));
        Set<LiveSubscription> done = new HashSet<>();
        deliver(index.get(new IdKey(e.id())), e, once, done);
        deliver(index.get(new AuthorKey(e.pubkey())), e, once, done);
        deliver(index.get(new KindKey(e.kind())), e, once, done);
        for (Tag t : e.tags())
            if (t.size() > 1 && t.name().length() == 1) deliver(index.get(new TagKey(t.name().charAt(0), t.values().get(1))), e, once, done);
        deliver(matchAll, e, once, done);
    }

    private void deliver(Set<Entry> candidates, Event e, Supplier<Outbox.Json> json, Set<LiveSubscription> done) {
        if (candidates == null) return;
        for (Entry c : candidates) {
            if (done.contains(c.sub())) continue;
            confirmations.increment();
            if (!c.sub().admits(c.filter(), e)) continue;
            done.add(c.sub());
            c.sub().offer(e, json);
        }
    }

    /** The keys a filter is filed under, or null for the match-all list. */
    private static List<Object> keysOf(Filter f) {
        if (f.ids().isPresent()) return f.ids().get().stream().<Object>map(IdKey::new).toList();
        if (f.authors().isPresent()) return f.authors().get().stream().<Object>map(AuthorKey::new).toList();
        if (!f.tags().isEmpty()) {
            // The tag condition with the fewest values is the narrowest.
            var best = f.tags().entrySet().stream().min(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size()))).orElseThrow();
            return best.getValue().stream().<Object>map(v -> new TagKey(best.getKey(), v)).toList();
        }
        if (f.kinds().isPresent()) return f.kinds().get().stream().<Object>map(KindKey::new).toList();
        return null;
    }
}
