package mutual.engine.relay;

import java.util.Optional;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventCheck;

/**
 * Validates a NIP-42 authentication event: kind 22242, fresh, carrying this connection's
 * challenge and naming this relay, with a valid id and signature.
 */
final class AuthCheck {
    static final int KIND = 22242;
    static final long WINDOW_SECONDS = 600;

    private AuthCheck() {}

    /** Empty when the event authenticates its pubkey on this connection; otherwise why not. */
    static Optional<String> problem(Event e, String challenge, RelayUrl relay, long now) {
        if (e.kind() != KIND) return Optional.of("an AUTH event must be kind 22242 (NIP-42)");
        if (Math.abs(e.createdAt() - now) > WINDOW_SECONDS)
            return Optional.of("an AUTH event's created_at must be within 10 minutes of now");
        if (!e.firstTagValue("challenge").map(challenge::equals).orElse(false))
            return Optional.of("the challenge tag does not match the challenge sent on this connection");
        if (!e.firstTagValue("relay").map(relay::matches).orElse(false))
            return Optional.of("the relay tag does not name this relay (" + relay + ")");
        return EventCheck.problem(e);
    }
}
