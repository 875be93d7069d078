package mutual.engine.mesh;

/** A reconciliation that could not finish: the peer refused it, sent nonsense, or the connection was lost. */
public final class SyncException extends RuntimeException {
    public SyncException(String message) {
        super(message);
    }
}
