package mutual.store.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durability of commits, apart from the commits themselves. The writer connection runs with
 * {@code synchronous=NORMAL}: a commit appends its frames to the write-ahead log without
 * waiting for the disk, so the writer can go on with the next batch. {@link #sync} then
 * fdatasyncs the log once for every commit made before it started, which is what
 * {@code synchronous=FULL} does at each commit, for several commits at a time.
 *
 * <p>Why that suffices: a transaction in WAL mode is durable once its frames, commit frame
 * included, are on disk in the log; the log is appended in order and each frame's checksum
 * chains to the previous one, so after a power cut SQLite's recovery keeps exactly the prefix of
 * whole transactions that reached the disk. SQLite still syncs the log before each checkpoint
 * and its header when it is reused (NORMAL keeps those). A commit is visible to readers before
 * it is synced; nothing is acknowledged to anyone before.
 */
final class WalSync implements AutoCloseable {
    private final Path wal;
    private final boolean durable;
    private final AtomicLong committed = new AtomicLong();
    private long synced; // guarded by this
    private FileChannel channel; // guarded by this

    WalSync(Path databaseFile, boolean durable) {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.durable = durable;
    }

    /** Called after each commit returned. */
    void committed() {
        committed.incrementAndGet();
    }

    /** Returns once every commit made before the call is on disk. Thread-safe; one fdatasync serves many callers. */
    synchronized void sync() throws IOException {
        if (!durable) return;
        long target = committed.get();
        if (synced >= target) return;
        if (channel == null) channel = FileChannel.open(wal, StandardOpenOption.WRITE);
        channel.force(false);
        synced = target;
    }

    /** Whether some commit has not been synced yet. */
    boolean pending() {
        synchronized (this) {
            return durable && synced < committed.get();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }
}
