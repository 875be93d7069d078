package mutual.protocol.negentropy;

/**
 * A negentropy message the other side sent is malformed, breaks a limit, or uses a protocol
 * version we cannot speak. The message says which; the session should be closed (NIP-77 {@code NEG-ERR}).
 */
public final class NegentropyException extends RuntimeException {
    public NegentropyException(String message) {
        super(message);
    }
}
