package mutual.protocol.community;

import java.util.List;
import java.util.Optional;
import mutual.protocol.aid.Category;
import mutual.protocol.event.Address;
import mutual.protocol.event.EventId;

/**
 * A guide of a community's shared library (docs/protocol.md, "Guides"): a NIP-23 long-form article
 * ({@code kind:30023}) that names the community it was written for and its categories.
 */
public record Guide(EventId id, Address address, long createdAt, EventId community, String title, Optional<String> summary,
                    List<Category> categories, String content) {
    public Guide {
        categories = List.copyOf(categories);
    }
}
