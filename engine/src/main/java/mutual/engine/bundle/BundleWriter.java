package mutual.engine.bundle;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;
import mutual.protocol.crypto.Hex;
import mutual.protocol.filter.Filter;

/**
 * Writes the bundle format (docs/node.md, "Bundles") from a stream of event lines. Lines go
 * into a compressed body file while count, time range and checksum are computed; {@link #finish}
 * then writes the manifest as its own gzip member in front of the body (concatenated members read
 * as one stream, RFC 1952 §2.2), syncs, and renames the whole into place atomically, so a reader
 * never sees half a bundle. Closing without finishing leaves nothing behind.
 */
public final class BundleWriter implements AutoCloseable {
    private final Path out, body, tmp;
    private final OutputStream bodyStream;
    private final MessageDigest digest = BundleExport.sha256();
    private long count, bytes;
    private long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    private boolean finished;

    private BundleWriter(Path out) throws IOException {
        this.out = out;
        this.body = out.resolveSibling(out.getFileName() + ".body.tmp");
        this.tmp = out.resolveSibling(out.getFileName() + ".tmp");
        this.bodyStream = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(body), 1 << 16), 1 << 16);
    }

    public static BundleWriter create(Path out) throws IOException {
        return new BundleWriter(out);
    }

    /** Adds one event, given as its JSON (one line, as stored) and its {@code created_at}. */
    public void add(byte[] eventJson, long createdAt) throws IOException {
        bodyStream.write(eventJson);
        bodyStream.write('\n');
        digest.update(eventJson);
        digest.update((byte) '\n');
        count++;
        bytes += eventJson.length + 1;
        min = Math.min(min, createdAt);
        max = Math.max(max, createdAt);
    }

    public long count() {
        return count;
    }

    /** Writes the manifest and the body to the file and renames it into place; returns the manifest. */
    public Manifest finish(long createdAt, Optional<Filter> filter, boolean giftWraps) throws IOException {
        bodyStream.close();
        Manifest m = new Manifest(Manifest.VERSION, createdAt, count, count == 0 ? OptionalLong.empty() : OptionalLong.of(min),
                count == 0 ? OptionalLong.empty() : OptionalLong.of(max), filter, giftWraps, bytes, Hex.encode(digest.digest()));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
            try (GZIPOutputStream head = new GZIPOutputStream(new FilterOutputStream(os) {
                @Override
                public void close() throws IOException {
                    flush(); // the file stays open for the body
                }
            })) {
                head.write(m.toJsonBytes());
                head.write('\n');
            }
            Files.copy(body, os);
            os.flush();
            ch.force(true);
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(out.toAbsolutePath().getParent());
        finished = true;
        Files.deleteIfExists(body);
        return m;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system lets a directory be synced; the rename itself is still atomic.
        }
    }

    /** Removes the temporary files; after {@link #finish} only the body is left to remove, if anything. */
    @Override
    public void close() {
        try {
            bodyStream.close();
        } catch (IOException e) {
            // the body is being thrown away
        }
        deleteQuietly(body);
        if (!finished) deleteQuietly(tmp);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
