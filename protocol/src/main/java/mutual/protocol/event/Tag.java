package mutual.protocol.event;

import java.util.List;
import java.util.Optional;

/** One tag of an event: a non-empty list of strings whose first element is its name. */
public record Tag(List<String> values) {
    public Tag {
        values = List.copyOf(values);
        if (values.isEmpty()) throw new IllegalArgumentException("a tag has at least a name");
    }

    public static Tag of(String... values) {
        return new Tag(List.of(values));
    }

    public String name() {
        return values.get(0);
    }

    /** The first value after the name, which NIP-01 tag filters match on. */
    public Optional<String> value() {
        return values.size() > 1 ? Optional.of(values.get(1)) : Optional.empty();
    }

    public Optional<String> get(int index) {
        return index < values.size() ? Optional.of(values.get(index)) : Optional.empty();
    }

    public int size() {
        return values.size();
    }

    /** True for tags named by a single letter, the ones NIP-01 filters can select by. */
    public boolean isIndexable() {
        String n = name();
        return n.length() == 1 && ((n.charAt(0) >= 'a' && n.charAt(0) <= 'z') || (n.charAt(0) >= 'A' && n.charAt(0) <= 'Z'));
    }
}
