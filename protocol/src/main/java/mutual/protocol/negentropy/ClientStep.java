package mutual.protocol.negentropy;

import java.util.List;
import java.util.Optional;
import mutual.protocol.event.EventId;

/**
 * What the client learned from one server message: ids it has that the server lacks
 * ({@code have}), ids the server has that it lacks ({@code need}), and the next message to send,
 * empty when reconciliation is complete. With frame size limits an id may be reported again in
 * a later step (as in the reference implementations); callers that mind should deduplicate.
 */
public record ClientStep(Optional<byte[]> next, List<EventId> have, List<EventId> need) {
    public ClientStep {
        have = List.copyOf(have);
        need = List.copyOf(need);
    }

    public boolean isDone() {
        return next.isEmpty();
    }
}
