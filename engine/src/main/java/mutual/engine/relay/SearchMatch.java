package mutual.engine.relay;

import java.util.Arrays;
import java.util.Locale;
import mutual.protocol.event.Event;

/**
 * NIP-50 matching for live events, which the store's search index never sees: every word of the
 * query must appear in the content, ignoring case. {@code key:value} extensions are ignored.
 */
final class SearchMatch {
    private SearchMatch() {}

    static boolean matches(String query, Event e) {
        String content = e.content().toLowerCase(Locale.ROOT);
        return Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty() && !w.contains(":"))
                .allMatch(content::contains);
    }
}
