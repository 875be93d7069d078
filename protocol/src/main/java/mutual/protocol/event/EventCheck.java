package mutual.protocol.event;

import java.util.Optional;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.crypto.Sha256;

/**
 * Decides whether an event is authentic: its id is the hash of its canonical serialization and
 * its signature is valid for its pubkey. Returns the reason when it is not.
 */
public final class EventCheck {
    private EventCheck() {}

    /** Empty when the event is authentic, otherwise the reason (without the {@code invalid:} prefix). */
    public static Optional<String> problem(Event e) {
        return problem(e, Sha256.hash(Canonical.serialize(e)));
    }

    /**
     * Like {@link #problem(Event)}, with the SHA-256 of the event's NIP-01 serialization already
     * made (by {@link EventJson#encode}, with its JSON).
     */
    public static Optional<String> problem(Event e, byte[] canonicalHash) {
        if (e.kind() < 0 || e.kind() > KindClass.MAX_KIND) return Optional.of("kind must be between 0 and 65535");
        if (e.createdAt() < 0) return Optional.of("created_at must not be negative");
        if (!java.util.Arrays.equals(canonicalHash, e.id().raw())) {
            boolean literalMatches = Canonical.hasAmbiguousControl(e.tags(), e.content())
                    && Canonical.id(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), EscapeStyle.NIP01_LITERAL).equals(e.id());
            if (!literalMatches) return Optional.of("event id does not match its content");
        }
        if (!Schnorr.verify(e.id().raw(), e.sig(), e.pubkey())) return Optional.of("bad signature");
        return Optional.empty();
    }

    /**
     * Like {@link #problem(Event)}, and also rejects events dated more than {@code maxFutureSeconds}
     * after {@code now}. The clock is the caller's, so this stays pure.
     */
    public static Optional<String> problem(Event e, long now, long maxFutureSeconds) {
        if (e.createdAt() > now + maxFutureSeconds)
            return Optional.of("created_at is " + (e.createdAt() - now) + " s in the future (limit " + maxFutureSeconds + " s)");
        return problem(e);
    }

    public static boolean isValid(Event e) {
        return problem(e).isEmpty();
    }
}
