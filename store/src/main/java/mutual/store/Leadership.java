package mutual.store;

/**
 * Which process runs the work that must run once per store, not once per process: the aid
 * engine's suggestions and the mesh. A store only one process opens (SQLite, one node per data
 * folder) is always led by it; on a store several node processes share (PostgreSQL), one leads
 * at a time, and another takes over when it stops or dies.
 */
public interface Leadership extends AutoCloseable {
    /** Whether this process leads now. */
    boolean leads();

    /** Calls {@code changed} (on any thread) whenever {@link #leads()} changes. */
    void onChange(Runnable changed);

    @Override
    void close();

    /** The only process on its store: always leads. */
    static Leadership sole() {
        return new Leadership() {
            @Override
            public boolean leads() {
                return true;
            }

            @Override
            public void onChange(Runnable changed) {}

            @Override
            public void close() {}
        };
    }
}
