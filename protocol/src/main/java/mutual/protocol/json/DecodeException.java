package mutual.protocol.json;

/** Input that cannot be decoded; the message is the human-readable reason, without a NIP-01 prefix. */
public final class DecodeException extends RuntimeException {
    public DecodeException(String reason) {
        super(reason, null, false, false);
    }
}
