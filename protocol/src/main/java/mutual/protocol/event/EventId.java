package mutual.protocol.event;

import java.util.Optional;
import mutual.protocol.crypto.FixedBytes;
import mutual.protocol.crypto.Hex;

/** The id of an event: SHA-256 of its canonical serialization (NIP-01). */
public final class EventId extends FixedBytes {
    private EventId(byte[] bytes) {
        super(bytes, 32);
    }

    public static EventId of(byte[] bytes) {
        return new EventId(bytes.clone());
    }

    public static Optional<EventId> fromHex(CharSequence hex) {
        return Hex.decode(hex, 32).map(EventId::new);
    }
}
