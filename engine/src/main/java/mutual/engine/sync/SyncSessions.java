package mutual.engine.sync;

import mutual.engine.ingest.Prefix;
import mutual.protocol.negentropy.Bound;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.VectorStorage;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;

/**
 * Opens NIP-77 sessions with the read rules of REQ: a filter of at most {@code since} and
 * {@code until} is served from the node-wide {@link SyncIndex} (no copy; gift wraps are not in
 * it), any other filter from a per-session {@link VectorStorage} filled by a store query that
 * applies the viewer's gift-wrap visibility. Either way a set above the record cap is refused.
 */
public final class SyncSessions {
    private final SyncIndex index;
    private final EventStore store;
    private final NegentropyConfig config;
    private final long maxRecords;

    /** Why a session was not opened: a NEG-ERR reason. */
    public record Refusal(Prefix prefix, String reason) {
        public String text() {
            return prefix.format(reason);
        }
    }

    /** A session, or the reason there is none. */
    public sealed interface Opened {
        record Ok(SyncSession session) implements Opened {}

        record Refused(Refusal refusal) implements Opened {}
    }

    public SyncSessions(SyncIndex index, EventStore store, NegentropyConfig config, long maxRecords) {
        this.index = index;
        this.store = store;
        this.config = config;
        this.maxRecords = maxRecords;
    }

    public Opened open(Filter f, Viewer viewer) {
        if (isWindow(f)) {
            SyncSession.Windowed w;
            try {
                w = window(f);
            } catch (SyncIndex.TooLarge e) {
                return new Opened.Refused(new Refusal(Prefix.ERROR, e.getMessage()));
            }
            return w.size() > maxRecords ? tooMany() : new Opened.Ok(w);
        }
        if (viewer.authenticated().isEmpty() && !viewer.seesEverything()
                && f.kinds().map(k -> k.contains(SyncIndex.GIFT_WRAP)).orElse(false)) {
            return new Opened.Refused(new Refusal(Prefix.AUTH_REQUIRED,
                    "gift wraps (kind 1059) are served only to their recipient; send AUTH first (NIP-42)"));
        }
        long max = Math.min(f.limit().isPresent() ? f.limit().getAsInt() : Long.MAX_VALUE, maxRecords + 1);
        VectorStorage.Builder items = VectorStorage.builder();
        long n = store.filterKeys(f, viewer, max, (at, id, kind) -> items.add(at, EventId.of(id)));
        if (n > maxRecords) return tooMany();
        VectorStorage set = items.seal();
        return new Opened.Ok(new SyncSession.Filtered(set, config));
    }

    /**
     * This node's own set for {@code f}, for a sync it initiates: what an unauthenticated peer may
     * see (no gift wraps), without the record cap, which protects this node from others' requests.
     */
    public SyncSession own(Filter f) {
        if (isWindow(f)) return window(f);
        VectorStorage.Builder items = VectorStorage.builder();
        store.filterKeys(f, Viewer.anonymous(), Long.MAX_VALUE, (at, id, kind) -> {
            if (kind != SyncIndex.GIFT_WRAP) items.add(at, EventId.of(id));
        });
        return new SyncSession.Filtered(items.seal(), config);
    }

    private SyncSession.Windowed window(Filter f) {
        Bound lower = Bound.of(Math.max(0, f.since().orElse(0)), new byte[0]);
        Bound upper = f.until().isPresent() && f.until().getAsLong() != Long.MAX_VALUE
                ? Bound.of(f.until().getAsLong() + 1, new byte[0]) : Bound.infinity();
        return new SyncSession.Windowed(index, lower, upper, config, index.read(all -> all.window(lower, upper).size()));
    }

    /** After another process wrote to the store: the node-wide index reads it again on next use. */
    public void reload() {
        index.reload();
    }

    /** Filters the node-wide index answers: nothing but a time range. */
    static boolean isWindow(Filter f) {
        return f.ids().isEmpty() && f.authors().isEmpty() && f.kinds().isEmpty() && f.tags().isEmpty()
                && f.limit().isEmpty() && f.search().isEmpty();
    }

    private Opened tooMany() {
        return new Opened.Refused(new Refusal(Prefix.BLOCKED, "too many records; use a narrower filter (at most " + maxRecords + " per sync)"));
    }
}
