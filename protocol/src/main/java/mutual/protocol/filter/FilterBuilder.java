package mutual.protocol.filter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/** Builds {@link Filter}s in code (tests, the CLI, the engine's own queries). */
public final class FilterBuilder {
    private Optional<Set<EventId>> ids = Optional.empty();
    private Optional<Set<PubKey>> authors = Optional.empty();
    private Optional<Set<Integer>> kinds = Optional.empty();
    private final Map<Character, Set<String>> tags = new HashMap<>();
    private OptionalLong since = OptionalLong.empty();
    private OptionalLong until = OptionalLong.empty();
    private OptionalInt limit = OptionalInt.empty();
    private Optional<String> search = Optional.empty();

    FilterBuilder() {}

    public FilterBuilder ids(EventId... v) {
        ids = Optional.of(new LinkedHashSet<>(Arrays.asList(v)));
        return this;
    }

    public FilterBuilder ids(Set<EventId> v) {
        ids = Optional.of(v);
        return this;
    }

    public FilterBuilder authors(PubKey... v) {
        authors = Optional.of(new LinkedHashSet<>(Arrays.asList(v)));
        return this;
    }

    public FilterBuilder authors(Set<PubKey> v) {
        authors = Optional.of(v);
        return this;
    }

    public FilterBuilder kinds(Integer... v) {
        kinds = Optional.of(new LinkedHashSet<>(Arrays.asList(v)));
        return this;
    }

    public FilterBuilder kinds(Set<Integer> v) {
        kinds = Optional.of(v);
        return this;
    }

    public FilterBuilder tag(char name, String... values) {
        tags.put(name, new LinkedHashSet<>(Arrays.asList(values)));
        return this;
    }

    public FilterBuilder tag(char name, Set<String> values) {
        tags.put(name, values);
        return this;
    }

    public FilterBuilder since(long v) {
        since = OptionalLong.of(v);
        return this;
    }

    public FilterBuilder until(long v) {
        until = OptionalLong.of(v);
        return this;
    }

    public FilterBuilder limit(int v) {
        limit = OptionalInt.of(v);
        return this;
    }

    public FilterBuilder search(String v) {
        search = Optional.of(v);
        return this;
    }

    public Filter build() {
        return new Filter(ids, authors, kinds, tags, since, until, limit, search);
    }
}
