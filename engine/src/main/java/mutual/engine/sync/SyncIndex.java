package mutual.engine.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import mutual.protocol.negentropy.NegentropyStorage;
import mutual.store.EventStore;
import mutual.store.KeyChange;

/**
 * The node-wide NIP-77 reconciliation set: (created_at, id) of every stored event except gift
 * wraps (kind 1059, which only their recipient may learn of; they sync through filtered sessions),
 * kept sorted in memory in {@link Block}s of at most 1024 items, each with its count and id sum.
 * Insert and remove cost O(block); a fingerprint O(blocks); sessions read it in place through
 * {@link NegentropyStorage#window}, so no session copies or sorts the set.
 *
 * <p>Memory: 40 bytes per event in full blocks (~40 MB per million), at most twice that where
 * inserts split blocks. Built on first use from {@link EventStore#scanKeys} and kept equal to
 * the store by its {@link mutual.store.ChangeListener} reports (stores, replacements, deletions,
 * vanish requests, purges), so it scans again only after {@link #reload()}. An event past its NIP-40 expiration stays
 * until the purge removes it; a peer asking for it then just gets nothing back.
 * See https://github.com/nostr-protocol/nips/blob/master/77.md
 */
public final class SyncIndex {
    static final int GIFT_WRAP = 1059;
    /** Heap per event of a freshly loaded set (full blocks). */
    static final long LOADED_BYTES_PER_EVENT = 40;
    /** Heap per event at most, where inserts have split blocks. */
    public static final long MAX_BYTES_PER_EVENT = 2 * LOADED_BYTES_PER_EVENT;

    /** The set would not fit the heap: refused before loading, rather than running the whole node out of memory. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final EventStore store;
    /** Bytes of heap the loaded set may take. */
    private final long heapBudget;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Block> blocks = new ArrayList<>();
    /** starts[k] = global index of block k's first item; starts[blocks] = size. */
    private int[] starts = {0};
    private final List<KeyChange> pending = new ArrayList<>();
    private boolean loading;
    /** Whether {@link #starts} must be recomputed: once per batch of changes, not per item. */
    private boolean dirty = true;
    private volatile boolean live;
    private boolean listening;

    private SyncIndex(EventStore store, long heapBudget) {
        this.store = store;
        this.heapBudget = heapBudget;
        blocks.add(new Block());
        recount();
    }

    /** An index over {@code store}, loaded on first {@link #read}, in at most three fifths of this JVM's heap. */
    public static SyncIndex over(EventStore store) {
        return over(store, Runtime.getRuntime().maxMemory() / 5 * 3);
    }

    /** An index over {@code store} that refuses to load ({@link TooLarge}) a set of more than {@code heapBudget} bytes. */
    static SyncIndex over(EventStore store, long heapBudget) {
        return new SyncIndex(store, heapBudget);
    }

    /** Runs {@code work} over a consistent view of the whole set; changes wait until it returns. */
    public <T> T read(Function<NegentropyStorage, T> work) {
        while (true) {
            load();
            lock.readLock().lock();
            try {
                if (live) return work.apply(new View(this));
            } finally {
                lock.readLock().unlock();
            }
            // forgotten between the load and the lock: load again
        }
    }

    /**
     * Forgets the set, to load it again from the store on the next {@link #read}: for when
     * another process wrote to the store ({@link EventStore#changedElsewhere()}), whose changes
     * no listener reported. A load in progress finishes first.
     */
    public synchronized void reload() {
        if (!live) return;
        lock.writeLock().lock();
        try {
            live = false;
            blocks.clear();
            blocks.add(new Block());
            dirty = true;
            recount();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Items in the set (loads it if needed). */
    public int size() {
        return read(NegentropyStorage::size);
    }

    private synchronized void load() {
        if (live) return;
        long events = store.size();
        if (events * LOADED_BYTES_PER_EVENT > heapBudget)
            throw new TooLarge(String.format(java.util.Locale.ROOT, "this node's sync index for its %,d events would need about %,d MB"
                    + " of heap, more than it can spare (%,d MB); its operator can give it more heap (MUTUAL_JAVA_OPTS=\"-Xmx…\")",
                    events, (events * LOADED_BYTES_PER_EVENT) >> 20, heapBudget >> 20));
        lock.writeLock().lock();
        try {
            loading = true;
        } finally {
            lock.writeLock().unlock();
        }
        if (!listening) store.addChangeListener(this::changed); // before the scan: what commits meanwhile is replayed after it
        listening = true;
        store.scanKeys((at, id, kind) -> {
            if (kind != GIFT_WRAP) insert(at, id);
        });
        recount();
        lock.writeLock().lock();
        try {
            apply(pending);
            pending.clear();
            recount();
            live = true;
            loading = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void changed(List<KeyChange> changes) {
        lock.writeLock().lock();
        try {
            if (live) {
                apply(changes);
                recount();
            } else if (loading) pending.addAll(changes);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Inserts and removes are idempotent, so replaying changes the scan already saw is harmless. */
    private void apply(List<KeyChange> changes) {
        for (KeyChange c : changes) {
            if (c.kind() == GIFT_WRAP) continue;
            if (c.added()) insert(c.createdAt(), c.id().raw());
            else remove(c.createdAt(), c.id().raw());
        }
    }

    /** The block that holds (t, id) or would: the first whose last item is not below it, else the last. */
    private int blockFor(long t, byte[] id) {
        int lo = 0, hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Block b = blocks.get(mid);
            if (b.n == 0 || b.compare(b.n - 1, t, id, 0) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void insert(long t, byte[] id) {
        int k = blockFor(t, id);
        Block b = blocks.get(k);
        int at = b.lowerBound(t, id);
        if (at < b.n && b.compare(at, t, id, 0) == 0) return;
        if (b.isFull()) {
            if (k == blocks.size() - 1 && at == b.n) {
                // Appending (the usual case: new events are the newest) starts a fresh block, so blocks stay full.
                b = new Block();
                blocks.add(b);
                at = 0;
            } else {
                Block upper = b.splitUpperHalf();
                blocks.add(k + 1, upper);
                if (at > b.n) {
                    at -= b.n;
                    b = upper;
                }
            }
        }
        b.insertAt(at, t, id);
        dirty = true;
    }

    private void remove(long t, byte[] id) {
        int k = blockFor(t, id);
        Block b = blocks.get(k);
        int at = b.lowerBound(t, id);
        if (at == b.n || b.compare(at, t, id, 0) != 0) return;
        b.removeAt(at);
        if (b.n == 0 && blocks.size() > 1) blocks.remove(k);
        dirty = true;
    }

    private void recount() {
        if (!dirty) return;
        dirty = false;
        int[] s = new int[blocks.size() + 1];
        for (int k = 0; k < blocks.size(); k++) s[k + 1] = s[k] + blocks.get(k).n;
        starts = s;
    }

    /** Applies changes as if the store had reported them (loads first). */
    void changedForTests(List<KeyChange> changes) {
        load();
        changed(changes);
    }

    List<Block> blocks() {
        return blocks;
    }

    int[] starts() {
        return starts;
    }
}
