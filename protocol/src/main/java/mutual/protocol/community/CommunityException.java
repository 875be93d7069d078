package mutual.protocol.community;

/** A community event that does not follow docs/protocol.md; the message says which tag and why. */
public final class CommunityException extends RuntimeException {
    public CommunityException(String message) {
        super(message);
    }
}
