package mutual.protocol.dm;

/** A gift wrap, seal or rumor that does not open or does not hold together; the message says which layer failed and why. */
public final class GiftWrapException extends RuntimeException {
    public GiftWrapException(String reason) {
        super(reason, null, false, false);
    }
}
