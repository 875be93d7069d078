package mutual.store;

/** The database failed (disk full, corruption, I/O error): not a problem with the events given. */
public final class StoreException extends RuntimeException {
    private final boolean unreachable;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreException(String message) {
        super(message);
        this.unreachable = false;
    }

    /** {@code unreachable}: the database server could not be reached at all, so no write can succeed now. */
    public StoreException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /**
     * Whether the database could not be reached (a network or server down), rather than failing on
     * this work: trying each event of a batch alone would only wait that much longer.
     */
    public boolean unreachable() {
        return unreachable;
    }
}
