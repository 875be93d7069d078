package mutual.engine.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;

/**
 * Replication with one peer for as long as it is configured: connect, reconcile, then stream new
 * events live both ways (as the direction allows) and reconcile again on an interval; when the
 * connection fails, wait with exponential backoff and jitter, reconnect and reconcile again. The
 * reconciliation after a reconnect is what heals a partition: the live stream may have missed
 * anything, the reconciliation misses nothing.
 *
 * <p>All state is guarded by this object; callbacks from stale connections are told apart by a
 * generation number and ignored.
 */
public final class PeerLink {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Live publishes waiting for an OK; past this, new events wait for the next reconciliation. */
    static final int MAX_LIVE_IN_FLIGHT = 1000;
    /** The live REQ starts this long before the reconciliation, so nothing falls between the two. */
    static final long LIVE_OVERLAP_SECONDS = 60;
    private static final String LIVE_ID = "mutual-live";

    private final PeerSpec spec;
    private final Source.Peer source;
    private final Connector connector;
    private final LocalNode local;
    private final Timer timer;
    private final Duration interval;
    private final RandomGenerator random;

    private int generation;
    private boolean stopped;
    private PeerChannel channel;
    private Reconciliation syncing;
    /** {@link #syncSoon()} was asked during a sync: the next one starts right after it. */
    private boolean again;
    private Timer.Cancel pending = () -> {};
    private boolean live;
    private int liveInFlight;
    private int failures;
    private String state = "connecting";
    private Instant lastSyncAt;
    private SyncReport lastSync;
    private long sent, received, errors;
    private String lastError = "";

    public PeerLink(PeerSpec spec, Connector connector, LocalNode local, Timer timer, Duration interval, RandomGenerator random) {
        this.spec = spec;
        this.source = new Source.Peer(spec.url());
        this.connector = connector;
        this.local = local;
        this.timer = timer;
        this.interval = interval;
        this.random = random;
    }

    public PeerSpec spec() {
        return spec;
    }

    public synchronized void start() {
        connect();
    }

    private void connect() {
        if (stopped) return;
        int gen = ++generation;
        state = "connecting";
        connector.connect(spec).whenComplete((ch, e) -> connected(gen, ch, e));
    }

    private synchronized void connected(int gen, PeerChannel ch, Throwable error) {
        if (gen != generation || stopped) {
            if (ch != null) ch.close();
            return;
        }
        if (error != null) {
            failed(gen, "cannot connect: " + Failures.rootMessage(error));
            return;
        }
        channel = ch;
        ch.closed().thenRun(() -> lost(gen));
        sync(gen);
    }

    private synchronized void sync(int gen) {
        if (gen != generation || stopped) return;
        state = "syncing";
        long since = timer.now().getEpochSecond() - LIVE_OVERLAP_SECONDS;
        syncing = new Reconciliation(channel, local, spec, timer);
        syncing.run().whenComplete((report, e) -> synced(gen, since, report, e));
    }

    /**
     * Reconciles again as soon as it can, rather than at the next interval: after another process
     * wrote to this node's store, events no listener saw may be waiting for the peer. A link
     * that is connecting or backing off syncs when it connects anyway.
     */
    public synchronized void syncSoon() {
        if (stopped || channel == null) return;
        if (syncing != null) {
            again = true;
            return;
        }
        if (!live) return;
        pending.cancel();
        int gen = generation;
        pending = timer.schedule(Duration.ZERO, () -> sync(gen));
    }

    private synchronized void synced(int gen, long since, SyncReport report, Throwable error) {
        if (gen != generation || stopped) return;
        SyncReport r = report != null ? report : syncing.report();
        syncing = null;
        sent += r.sent();
        received += r.received();
        errors += r.refused() + r.rejected();
        if (!r.lastError().isEmpty()) lastError = r.lastError();
        if (error != null) {
            failed(gen, "sync failed: " + Failures.rootMessage(error));
            return;
        }
        lastSyncAt = timer.now();
        lastSync = r;
        failures = 0;
        if (!live) startLive(since);
        state = "live";
        pending = timer.schedule(again ? Duration.ZERO : interval, () -> sync(gen));
        again = false;
    }

    private void startLive(long since) {
        live = true;
        if (!spec.direction().receives()) return;
        Filter f = spec.filter();
        long from = Math.max(since, f.since().orElse(0));
        Filter liveFilter = new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), OptionalLong.of(from), f.until(), f.limit(), f.search());
        int gen = generation;
        channel.subscribe(LIVE_ID, liveFilter, e -> fromPeer(gen, e));
    }

    private void fromPeer(int gen, Event e) {
        local.submit(e, source).thenAccept(o -> {
            synchronized (this) {
                if (gen != generation) return;
                switch (o) {
                    case Outcome.Stored s -> received++;
                    case Outcome.Rejected r when Failures.isDeletion(r.message()) -> {} // deleted here: settled
                    case Outcome.Rejected r -> {
                        errors++;
                        lastError = "rejected " + e.id().hex() + " from the peer: " + r.message();
                    }
                    default -> {}
                }
            }
        });
    }

    /** A newly accepted event of this node: streamed to the peer if the link is live and it belongs there. */
    public synchronized void offer(Event e, Source from) {
        if (!live || stopped || channel == null || !spec.direction().sends()) return;
        if (from instanceof Source.Peer p && p.url().equals(spec.url())) return; // it came from there
        if (e.kind() == 1059 || !spec.filter().matches(e)) return; // gift wraps reach peers only by their recipients
        if (liveInFlight >= MAX_LIVE_IN_FLIGHT) return; // the next reconciliation sends it
        liveInFlight++;
        int gen = generation;
        channel.publish(e).whenComplete((ok, t) -> {
            synchronized (this) {
                liveInFlight--;
                if (gen != generation || t != null) return;
                if (ok.accepted()) sent++;
                else if (!Failures.isDeletion(ok.message())) {
                    errors++;
                    lastError = "the peer refused " + e.id().hex() + ": " + ok.message();
                }
            }
        });
    }

    private synchronized void lost(int gen) {
        if (gen == generation && !stopped) failed(gen, "the connection was lost");
    }

    private void failed(int gen, String reason) {
        errors++;
        lastError = reason;
        live = false;
        PeerChannel gone = channel;
        channel = null;
        failures++;
        state = "waiting";
        long cap = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 20));
        Duration delay = Duration.ofMillis(cap / 2 + random.nextLong(cap / 2 + 1));
        int next = ++generation;
        // Closed only now that the generation moved on: closing completes closed() at once, and the
        // loss it reports (to lost()) is this very failure, not a second one.
        if (gone != null) gone.close();
        pending = timer.schedule(delay, () -> {
            synchronized (this) {
                if (next == generation) connect();
            }
        });
    }

    public synchronized void stop() {
        stopped = true;
        generation++;
        pending.cancel();
        if (channel != null) channel.close();
        channel = null;
        state = "stopped";
    }

    /** Whether the link is streaming live after a finished reconciliation. */
    public synchronized boolean isLive() {
        return live && "live".equals(state);
    }

    public synchronized PeerStatus status() {
        return new PeerStatus(spec.url(), spec.direction(), spec.filterJson(), state, Optional.ofNullable(lastSyncAt),
                Optional.ofNullable(lastSync), sent, received, errors, lastError);
    }
}
