package mutual.protocol.wire;

import java.util.List;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;

/** Messages a client sends to a relay (NIP-01, NIP-42 AUTH, NIP-45 COUNT, NIP-77 NEG-*). */
public sealed interface ClientMessage {
    record Publish(Event event) implements ClientMessage {}

    record Req(String subscriptionId, List<Filter> filters) implements ClientMessage {}

    record Close(String subscriptionId) implements ClientMessage {}

    record Auth(Event event) implements ClientMessage {}

    record Count(String subscriptionId, List<Filter> filters) implements ClientMessage {}

    record NegOpen(String subscriptionId, Filter filter, byte[] message) implements ClientMessage {}

    record NegMsg(String subscriptionId, byte[] message) implements ClientMessage {}

    record NegClose(String subscriptionId) implements ClientMessage {}
}
