package mutual.engine.bundle;

/** A bundle file that cannot be read or written as one: not a bundle, a newer format, a damaged header. */
public final class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
