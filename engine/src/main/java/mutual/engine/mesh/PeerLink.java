package mutual.engine.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;

/**
 * Replication with one peer for as long as it is configured: connect, open the live stream both
 * ways (as the direction allows), reconcile, and reconcile again on an interval; when the
 * connection fails, wait with exponential backoff and jitter, reconnect and do it all again.
 *
 * <p>The live stream is ordered by arrival, not by {@code created_at} (an author's claim): the
 * subscription to the peer carries no time floor and asks for no stored events ({@code limit 0}),
 * and it opens before the reconciliation takes its snapshot, as this node's own stream
 * ({@link Outbound}) does. So every event either streams or is in the snapshot; duplicates cost
 * one {@code duplicate:} answer. Whatever the stream could not deliver (a full queue, a refusal
 * that kept coming, an event the ingest path here was too busy to take) triggers a reconciliation
 * at once, not at the next interval.
 *
 * <p>All state is guarded by this object; callbacks from stale connections are told apart by a
 * generation number and ignored.
 */
public final class PeerLink {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
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
    /** This node's live stream to the peer; null while there is no connection or the direction does not send. */
    private volatile Outbound outbound;
    private Reconciliation syncing;
    /** A reconciliation was asked for during one: the next starts right after it. */
    private boolean again;
    /** Since when something is known to be missing on one side, until a reconciliation starts. */
    private Instant gapSince;
    private Timer.Cancel pending = () -> {};
    private int failures;
    private LinkState state = LinkState.CONNECTING;
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
        state = LinkState.CONNECTING;
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
        if (spec.direction().sends()) outbound = new Outbound(ch, timer, new StreamListener(gen));
        if (spec.direction().receives()) ch.subscribe(LIVE_ID, liveFilter(spec.filter()), e -> fromPeer(gen, e));
        sync(gen);
    }

    /** The peer's filter for new events only: no stored events, and no floor on {@code created_at} beyond its own. */
    static Filter liveFilter(Filter f) {
        return new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), f.since(), f.until(), OptionalInt.of(0), f.search());
    }

    private synchronized void sync(int gen) {
        if (gen != generation || stopped) return;
        state = LinkState.SYNCING;
        gapSince = null; // this reconciliation covers every gap known until now
        syncing = new Reconciliation(channel, local, spec, timer);
        syncing.run().whenComplete((report, e) -> synced(gen, report, e));
    }

    /**
     * Reconciles again as soon as it can, rather than at the next interval: after another process
     * wrote to this node's store, or when the live stream could not deliver something. A link that
     * is connecting or backing off reconciles when it connects anyway.
     */
    public synchronized void syncSoon() {
        if (stopped || channel == null) return;
        if (syncing != null) {
            again = true;
            return;
        }
        pending.cancel();
        int gen = generation;
        pending = timer.schedule(Duration.ZERO, () -> sync(gen));
    }

    private synchronized void gap(int gen) {
        if (gen != generation || stopped) return;
        if (gapSince == null) gapSince = timer.now();
        syncSoon();
    }

    private synchronized void synced(int gen, SyncReport report, Throwable error) {
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
        state = LinkState.LIVE;
        pending = timer.schedule(again ? Duration.ZERO : interval, () -> sync(gen));
        again = false;
    }

    private void fromPeer(int gen, Event e) {
        local.submit(e, source).thenAccept(o -> {
            boolean missed = false;
            synchronized (this) {
                if (gen != generation) return;
                switch (o) {
                    case Outcome.Stored s -> received++;
                    case Outcome.Rejected r when Failures.isDeletion(r.message()) -> {} // deleted here: settled
                    case Outcome.Rejected r -> {
                        errors++;
                        lastError = "rejected " + e.id().hex() + " from the peer: " + r.message();
                        // Busy here, not unwilling: the event must still come, by a reconciliation.
                        missed = Outbound.isTransient(r.prefix().format(r.reason()));
                    }
                    default -> {}
                }
            }
            if (missed) gap(gen);
        });
    }

    /** A newly accepted event of this node: streamed to the peer if it is connected and the event belongs there. */
    public void offer(Event e, Source from) {
        Outbound out = outbound;
        if (out == null) return; // not connected: the reconciliation after the next connect sends it
        if (from instanceof Source.Peer p && p.url().equals(spec.url())) return; // it came from there
        if (e.kind() == 1059 || !spec.filter().matches(e)) return; // gift wraps reach peers only by their recipients
        out.offer(e);
    }

    /** Counts what the live stream of one connection learns, and asks for a reconciliation when it left a gap. */
    private final class StreamListener implements Outbound.Listener {
        private final int gen;

        StreamListener(int gen) {
            this.gen = gen;
        }

        @Override
        public void accepted() {
            synchronized (PeerLink.this) {
                if (gen == generation) sent++;
            }
        }

        @Override
        public void refused(Event e, String message) {
            synchronized (PeerLink.this) {
                if (gen != generation) return;
                errors++;
                lastError = "the peer refused " + e.id().hex() + ": " + message;
            }
        }

        @Override
        public void missed() {
            gap(gen);
        }
    }

    private synchronized void lost(int gen) {
        if (gen == generation && !stopped) failed(gen, "the connection was lost");
    }

    private void failed(int gen, String reason) {
        errors++;
        lastError = reason;
        dropStream();
        PeerChannel gone = channel;
        channel = null;
        failures++;
        state = LinkState.WAITING;
        if (gapSince == null) gapSince = timer.now();
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

    private void dropStream() {
        Outbound out = outbound;
        outbound = null;
        if (out != null) out.close();
    }

    public synchronized void stop() {
        stopped = true;
        generation++;
        pending.cancel();
        dropStream();
        if (channel != null) channel.close();
        channel = null;
        state = LinkState.STOPPED;
    }

    /** Whether the link is streaming live after a finished reconciliation. */
    public synchronized boolean isLive() {
        return state == LinkState.LIVE;
    }

    public synchronized PeerStatus status() {
        Outbound out = outbound;
        Outbound.Lag lag = out == null ? new Outbound.Lag(0, null) : out.lag();
        Instant behind = lag.oldest();
        if (gapSince != null && (behind == null || gapSince.isBefore(behind))) behind = gapSince;
        if (state == LinkState.STOPPED) behind = null;
        return new PeerStatus(spec.url(), spec.direction(), spec.filterJson(), state, Optional.ofNullable(lastSyncAt),
                Optional.ofNullable(lastSync), sent, received, errors, lastError, lag.unconfirmed(), Optional.ofNullable(behind));
    }
}
