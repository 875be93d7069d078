package mutual.engine.bundle;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import mutual.protocol.crypto.Hex;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.StoredEvent;
import mutual.store.Viewer;

/**
 * Writes a bundle (docs/node.md, "Bundles"): the store's events, oldest first, as the exact JSON
 * it keeps, after a manifest line, gzip-compressed. The events are streamed into a body file
 * while count, time range and checksum are computed; the manifest is then written as its own
 * gzip member in front of the body, and the whole file appears under its name by an atomic
 * rename, so a reader never sees half a bundle.
 */
public final class BundleExport {
    static final int GIFT_WRAP = 1059;

    /**
     * What goes into a bundle.
     *
     * @param filter    a NIP-01 filter (absent: every event); with a {@code limit} the newest that many
     * @param giftWraps whether to include gift wraps (kind 1059): they are private mail whose
     *                  {@code p} tag and time say who gets messages when, and the node serves them
     *                  only to their recipient, so a file anyone may carry leaves them out unless asked
     */
    public record Selection(Optional<Filter> filter, boolean giftWraps) {
        public static Selection everything() {
            return new Selection(Optional.empty(), false);
        }
    }

    /** The written bundle: its manifest, size on disk, and how many gift wraps were left out. */
    public record Result(Path file, Manifest manifest, long fileBytes, long giftWrapsLeftOut) {}

    private BundleExport() {}

    public static Result write(EventStore store, Selection selection, Path out, InstantSource clock) {
        selection.filter().ifPresent(f -> {
            if (f.search().isPresent() && f.limit().isEmpty())
                throw new IllegalArgumentException("a filter with \"search\" needs a \"limit\" for export");
        });
        Path body = out.resolveSibling(out.getFileName() + ".body.tmp");
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            Body b = writeBody(store, selection, body);
            Manifest m = new Manifest(Manifest.VERSION, clock.instant().getEpochSecond(), b.count, b.since(), b.until(),
                    selection.filter(), selection.giftWraps(), b.bytes, Hex.encode(b.digest.digest()));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE); OutputStream os = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                // Concatenated gzip members read as one stream (RFC 1952 §2.2), so the manifest can go first.
                try (GZIPOutputStream head = new GZIPOutputStream(new FilterOutputStream(os) {
                    @Override
                    public void close() throws IOException {
                        flush(); // keep the file open for the body
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
            return new Result(out, m, Files.size(out), b.giftWrapsLeftOut);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle " + out + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the bundle " + out + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            deleteQuietly(body);
            deleteQuietly(tmp);
        }
    }

    private static Body writeBody(EventStore store, Selection selection, Path body) throws IOException {
        Body b = new Body();
        try (OutputStream os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(body), 1 << 16), 1 << 16)) {
            Consumer<StoredEvent> visit = se -> {
                if (se.event().kind() == GIFT_WRAP && !selection.giftWraps()) {
                    b.giftWrapsLeftOut++;
                    return;
                }
                try {
                    os.write(se.json());
                    os.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                b.add(se);
            };
            Optional<Filter> f = selection.filter();
            if (f.isPresent() && f.get().isEmptyByConstruction()) return b;
            if (f.isPresent() && f.get().limit().isPresent()) {
                // The newest `limit` matches, as a REQ would give them; memory is bounded by the limit.
                List<StoredEvent> newestFirst = new ArrayList<>(store.queryStored(List.of(f.get()), Viewer.node(), f.get().limit().getAsInt()));
                Collections.reverse(newestFirst);
                newestFirst.forEach(visit);
            } else {
                long since = f.flatMap(x -> boxed(x.since())).orElse(0L);
                long until = f.flatMap(x -> boxed(x.until())).orElse(Long.MAX_VALUE);
                store.scan(since, until, se -> {
                    if (f.isEmpty() || f.get().matches(se.event())) visit.accept(se);
                });
            }
        }
        return b;
    }

    private static Optional<Long> boxed(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system lets a directory be synced; the rename itself is still atomic.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }

    /** Running totals of the event lines written. */
    private static final class Body {
        final MessageDigest digest = sha256();
        long count, bytes, giftWrapsLeftOut;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;

        void add(StoredEvent se) {
            digest.update(se.json());
            digest.update((byte) '\n');
            count++;
            bytes += se.json().length + 1;
            min = Math.min(min, se.event().createdAt());
            max = Math.max(max, se.event().createdAt());
        }

        OptionalLong since() {
            return count == 0 ? OptionalLong.empty() : OptionalLong.of(min);
        }

        OptionalLong until() {
            return count == 0 ? OptionalLong.empty() : OptionalLong.of(max);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
