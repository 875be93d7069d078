package mutual.store;

/** The database failed (disk full, corruption, I/O error): not a problem with the events given. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
