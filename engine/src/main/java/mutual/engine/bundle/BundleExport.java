package mutual.engine.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.StoredEvent;
import mutual.store.Viewer;

/**
 * Writes a store's events into a bundle (docs/node.md, "Bundles"), oldest first, each as the
 * exact JSON the store keeps. A plain filter is applied while scanning the store page by page,
 * so memory stays flat; a filter with a {@code limit} is answered by the store's own query.
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

    /**
     * @throws IllegalArgumentException for a filter with {@code search} but no {@code limit}
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static Result write(EventStore store, Selection selection, Path out, InstantSource clock) {
        return write(store, selection, out, clock, new AtomicLong());
    }

    /** As above, counting in {@code visited} each stored event looked at, for a progress display. */
    public static Result write(EventStore store, Selection selection, Path out, InstantSource clock, AtomicLong visited) {
        Optional<Filter> f = selection.filter();
        if (f.isPresent() && f.get().search().isPresent() && f.get().limit().isEmpty())
            throw new IllegalArgumentException("a filter with \"search\" needs a \"limit\" for export");
        long[] leftOut = {0};
        try (BundleWriter w = BundleWriter.create(out)) {
            Consumer<StoredEvent> visit = se -> {
                visited.incrementAndGet();
                if (se.event().kind() == GIFT_WRAP && !selection.giftWraps()) {
                    leftOut[0]++;
                    return;
                }
                try {
                    w.add(se.json(), se.event().createdAt());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            if (f.isPresent() && f.get().isEmptyByConstruction()) {
                // nothing can match
            } else if (f.isPresent() && f.get().limit().isPresent()) {
                // The newest `limit` matches, as a REQ would give them; memory is bounded by the limit.
                List<StoredEvent> newestFirst = new ArrayList<>(store.queryStored(List.of(f.get()), Viewer.node(), f.get().limit().getAsInt()));
                Collections.reverse(newestFirst);
                newestFirst.forEach(visit);
            } else {
                long since = f.isPresent() && f.get().since().isPresent() ? f.get().since().getAsLong() : 0;
                long until = f.isPresent() && f.get().until().isPresent() ? f.get().until().getAsLong() : Long.MAX_VALUE;
                store.scan(since, until, se -> {
                    if (f.isEmpty() || f.get().matches(se.event())) visit.accept(se);
                    else visited.incrementAndGet();
                });
            }
            Manifest m = w.finish(clock.instant().getEpochSecond(), f, selection.giftWraps());
            return new Result(out, m, Files.size(out), leftOut[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle " + out + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the bundle " + out + ": " + e.getCause().getMessage(), e.getCause());
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
