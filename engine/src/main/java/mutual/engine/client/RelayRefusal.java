package mutual.engine.client;

/** The relay refused a request (CLOSED) or the connection was lost; the message is the relay's reason. */
public final class RelayRefusal extends RuntimeException {
    public RelayRefusal(String message) {
        super(message);
    }
}
