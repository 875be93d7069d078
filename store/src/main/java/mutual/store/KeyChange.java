package mutual.store;

import mutual.protocol.event.EventId;

/**
 * One event entering or leaving the store, as reported to a {@link ChangeListener}: stored,
 * or removed by replacement (NIP-01), deletion (NIP-09), vanish (NIP-62) or expiry (NIP-40).
 */
public record KeyChange(boolean added, long createdAt, EventId id, int kind) {}
