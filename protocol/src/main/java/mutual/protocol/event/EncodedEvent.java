package mutual.protocol.event;

/**
 * An event's JSON as stored and sent ({@link EventJson#writeBytes}) and the SHA-256 of its NIP-01
 * serialization, which its id must equal ({@link EventCheck#problem(Event, byte[])}); made by
 * {@link EventJson#encode} in one pass.
 */
public record EncodedEvent(byte[] json, byte[] canonicalHash) {}
