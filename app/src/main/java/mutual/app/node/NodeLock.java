package mutual.app.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One node per data folder: {@code DATA/node.lock}, locked by the operating system for as long as
 * the node runs and holding its process id. Two nodes on one folder would share one key and both
 * run the aid engine and the mesh; the second is refused, naming the first. The OS drops the lock
 * when the process dies, so a crash leaves nothing to clean up.
 */
public final class NodeLock implements AutoCloseable {
    public static final String FILE = "node.lock";

    /** The folder is held by another process, named in the message. */
    public static final class HeldException extends IOException {
        HeldException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private NodeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Fails naming the running node when one holds the folder; creates nothing, so a refused
     * start leaves the disk as it was.
     */
    public static void checkFree(Path data) throws IOException {
        Path f = data.resolve(FILE);
        if (!Files.isRegularFile(f)) return;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) throw held(data, Files.readString(f, StandardCharsets.UTF_8).strip());
            l.release();
        }
    }

    private static HeldException held(Path data, String holder) {
        return new HeldException("a node is already running on the data folder " + data
                + (holder.isEmpty() ? "" : " (process " + holder + ")") + "; stop it first, or give this one another --data folder");
    }

    /** Takes the folder's lock, or fails naming the process that holds it. */
    public static NodeLock take(Path data) throws IOException {
        Path f = mutual.store.OwnerOnly.file(data.resolve(FILE)); // as every file the node writes: its owner's only
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null; // held by a node in this very process
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            String holder = Files.readString(f, StandardCharsets.UTF_8).strip();
            ch.close();
            throw held(data, holder);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new NodeLock(ch, l);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock when the process ends anyway
        }
    }
}
