package mutual.protocol.wire;

import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;

/** Messages a relay sends to a client. {@link RelayWire} writes and reads them. */
public sealed interface RelayMessage {
    record EventMsg(String subscriptionId, Event event) implements RelayMessage {}

    /** NIP-01 OK; {@code message} carries the machine-readable prefix when {@code accepted} is false. */
    record Ok(EventId eventId, boolean accepted, String message) implements RelayMessage {}

    record Eose(String subscriptionId) implements RelayMessage {}

    record Closed(String subscriptionId, String message) implements RelayMessage {}

    record Notice(String message) implements RelayMessage {}

    record AuthChallenge(String challenge) implements RelayMessage {}

    record CountResult(String subscriptionId, long count, boolean approximate) implements RelayMessage {}

    record NegMsg(String subscriptionId, byte[] message) implements RelayMessage {}

    record NegErr(String subscriptionId, String reason) implements RelayMessage {}
}
