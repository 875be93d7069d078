package mutual.protocol.aid;

/** A listing or match event that does not follow docs/protocol.md; the message says which tag and why. */
public final class AidException extends RuntimeException {
    public AidException(String message) {
        super(message);
    }
}
