package mutual.protocol.filter;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * A NIP-01 filter. Absent conditions match everything; a present but empty list matches
 * nothing. Tag conditions are keyed by their single letter and match an event that has a tag
 * of that name whose first value is in the set. {@code limit} bounds only the stored answer.
 */
public record Filter(
        Optional<Set<EventId>> ids,
        Optional<Set<PubKey>> authors,
        Optional<Set<Integer>> kinds,
        Map<Character, Set<String>> tags,
        OptionalLong since,
        OptionalLong until,
        OptionalInt limit,
        Optional<String> search) {

    public Filter {
        ids = ids.map(Set::copyOf);
        authors = authors.map(Set::copyOf);
        kinds = kinds.map(Set::copyOf);
        tags = Map.copyOf(tags);
    }

    public static FilterBuilder builder() {
        return new FilterBuilder();
    }

    /** Whether the event satisfies every condition (ignoring {@code limit} and {@code search}). */
    public boolean matches(Event e) {
        if (ids.isPresent() && !ids.get().contains(e.id())) return false;
        if (authors.isPresent() && !authors.get().contains(e.pubkey())) return false;
        if (kinds.isPresent() && !kinds.get().contains(e.kind())) return false;
        if (since.isPresent() && e.createdAt() < since.getAsLong()) return false;
        if (until.isPresent() && e.createdAt() > until.getAsLong()) return false;
        for (Map.Entry<Character, Set<String>> cond : tags.entrySet()) {
            if (!hasTag(e, cond.getKey(), cond.getValue())) return false;
        }
        return true;
    }

    private static boolean hasTag(Event e, char name, Set<String> values) {
        for (Tag t : e.tags()) {
            if (t.size() > 1 && t.name().length() == 1 && t.name().charAt(0) == name && values.contains(t.values().get(1))) return true;
        }
        return false;
    }

    /** True when the filter can match nothing at all (an empty list, or since after until). */
    public boolean isEmptyByConstruction() {
        if (ids.map(Set::isEmpty).orElse(false) || authors.map(Set::isEmpty).orElse(false) || kinds.map(Set::isEmpty).orElse(false)) return true;
        for (Set<String> v : tags.values()) if (v.isEmpty()) return true;
        return since.isPresent() && until.isPresent() && since.getAsLong() > until.getAsLong();
    }
}
