package mutual.protocol.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * A deliberately naive reading of NIP-01's filter rules, for differential tests: plain loops
 * and string comparisons, no sets, no indexes, no shortcuts, written from the spec text and not
 * from {@link Filter#matches}. Store and relay tests reuse it as the reference answer.
 * See https://github.com/nostr-protocol/nips/blob/master/01.md ("From client to relay").
 */
public final class NaiveMatcher {
    /** NIP-01: newest first; among equal created_at, the lowest id first. */
    public static final Comparator<Event> NEWEST_FIRST =
            Comparator.comparingLong((Event e) -> -e.createdAt()).thenComparing(e -> e.id().hex());

    private NaiveMatcher() {}

    /** "All conditions of a filter that are specified must match for an event for it to pass the filter." */
    public static boolean matches(Filter f, Event e) {
        // "At least one of the arrays' values must match the relevant field in an event."
        if (f.ids().isPresent() && !anyEquals(hexes(f.ids().get()), e.id().hex())) return false;
        if (f.authors().isPresent()) {
            List<String> authors = new ArrayList<>();
            f.authors().get().forEach(a -> authors.add(a.hex()));
            if (!anyEquals(authors, e.pubkey().hex())) return false;
        }
        if (f.kinds().isPresent()) {
            List<String> kinds = new ArrayList<>();
            f.kinds().get().forEach(k -> kinds.add(Integer.toString(k)));
            if (!anyEquals(kinds, Integer.toString(e.kind()))) return false;
        }
        // "an event matches a filter if since <= created_at <= until holds"
        if (f.since().isPresent() && !(f.since().getAsLong() <= e.createdAt())) return false;
        if (f.until().isPresent() && !(e.createdAt() <= f.until().getAsLong())) return false;
        // "#<single-letter>": the event's tag values (the first value after the name) and the
        // filter's values "must have at least one item in common".
        for (Map.Entry<Character, Set<String>> cond : f.tags().entrySet()) {
            String name = String.valueOf(cond.getKey());
            List<String> eventValues = new ArrayList<>();
            for (Tag t : e.tags()) {
                List<String> v = t.values();
                if (v.size() >= 2 && v.get(0).equals(name)) eventValues.add(v.get(1));
            }
            boolean common = false;
            for (String wanted : cond.getValue()) if (anyEquals(eventValues, wanted)) common = true;
            if (!common) return false;
        }
        return true;
    }

    /** "Multiple filters are to be interpreted as || conditions." */
    public static boolean matchesAny(List<Filter> filters, Event e) {
        for (Filter f : filters) if (matches(f, e)) return true;
        return false;
    }

    /**
     * What a relay answers to a REQ from stored events: for each filter, the matching events
     * newest first, cut at its {@code limit}; then the union of those, newest first. Storage
     * rules (replaceable events, deletions) are the store's business, not this matcher's.
     */
    public static List<Event> select(Collection<Event> stored, List<Filter> filters) {
        List<Event> union = new ArrayList<>();
        for (Filter f : filters) {
            List<Event> hits = new ArrayList<>();
            for (Event e : stored) if (matches(f, e)) hits.add(e);
            hits.sort(NEWEST_FIRST);
            int n = f.limit().isPresent() ? Math.min(f.limit().getAsInt(), hits.size()) : hits.size();
            for (Event e : hits.subList(0, n)) if (!containsId(union, e.id())) union.add(e);
        }
        union.sort(NEWEST_FIRST);
        return union;
    }

    private static boolean containsId(List<Event> events, EventId id) {
        for (Event e : events) if (e.id().hex().equals(id.hex())) return true;
        return false;
    }

    private static List<String> hexes(Collection<EventId> ids) {
        List<String> out = new ArrayList<>();
        for (EventId id : ids) out.add(id.hex());
        return out;
    }

    private static boolean anyEquals(List<String> values, String s) {
        for (String v : values) if (v.equals(s)) return true;
        return false;
    }
}
