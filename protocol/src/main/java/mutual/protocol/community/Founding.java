package mutual.protocol.community;

import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import mutual.protocol.geo.Geohash;

/** The founding of a community (kind 1403): its id names the community; it is never replaced. */
public record Founding(EventId id, PubKey author, long createdAt, String name, String description,
                       SequencedMap<String, String> agreements, Optional<Geohash> area, List<String> languages,
                       Settings settings, String content) implements CommunityEvent {
    public Founding {
        agreements = java.util.Collections.unmodifiableSequencedMap(new java.util.LinkedHashMap<>(agreements));
        languages = List.copyOf(languages);
    }

    @Override
    public EventId community() {
        return id;
    }
}
