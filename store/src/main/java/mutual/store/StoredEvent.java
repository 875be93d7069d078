package mutual.store;

import mutual.protocol.event.Event;

/**
 * An event as the store holds it: decoded, and the exact JSON bytes it was stored as
 * ({@link mutual.protocol.event.EventJson#writeBytes}), which the relay sends as they are.
 * The array is the store's copy for this caller; nobody else holds it.
 */
public record StoredEvent(Event event, byte[] json) {}
