package mutual.engine.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Prefix;
import mutual.engine.ingest.Source;
import mutual.engine.sync.SyncSession;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.ClientStep;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.NegentropyException;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;

/**
 * One reconciliation with a peer, as the initiating side of NIP-77, and the transfer of what it
 * finds: ids only this node has are published to the peer (when the direction sends), ids only
 * the peer has are fetched by REQ and taken through the one ingest path marked as coming from
 * the peer (when it receives). The work grows with the difference, not with the sets: the
 * negentropy rounds exchange fingerprints of ranges until only differing ids remain.
 *
 * <p>Each round runs over this node's set as it is then ({@link SyncSession#read}); events that
 * arrive during a sync take part or are caught by the live stream. Fetches and publishes are
 * bounded in flight, so a large difference streams instead of piling up in memory. Nothing a
 * peer sends is trusted: every event goes through verification and policies, an event that was
 * not asked for is dropped, and each refusal is counted with its reason. Where negentropy fails
 * because one side cannot read the other's message, the window is tried once more and then moved
 * in narrower ranges or by plain REQ and EVENT ({@link Fallback}), and the report says so.
 *
 * <p>Not tied to a thread: callbacks may come from any thread; state is guarded by this object.
 */
public final class Reconciliation {
    /** Ids per REQ: under the 500 most relays return for one filter. */
    static final int FETCH_BATCH = 200;
    static final int FETCHES_IN_FLIGHT = 4;
    static final int PUBLISHES_IN_FLIGHT = 256;
    /** Events to send are read from the store this many at a time (or all that are left). */
    static final int SEND_BATCH = 64;
    /** How long to wait before offering again an event a side turned away as rate-limited. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    static final int MAX_RETRIES = 60;
    /**
     * A sync in which nothing happens for this long (no answer from the peer, no outcome here)
     * fails, and the link reconnects: a peer that stops answering, or never answers NEG-OPEN,
     * cannot hold a link forever.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Rounds in a row that name no id either side lacks. An honest exchange narrows its ranges in
     * about log16(set size) such rounds (6 at a million items); a peer that keeps answering without
     * ever converging is cut off here rather than holding the sync (and this node's CPU) forever.
     */
    static final int MAX_BARREN_ROUNDS = 64;
    /**
     * Bytes of new ranges per message we send (NegentropyConfig#pace). A peer answers each 24-item
     * fingerprint that differs with an IdList about 15 times its size at 1% difference, so this
     * much is about what fits one 200,000-byte reply (our relay's limit): unpaced, a reply cut
     * short wastes the fingerprints past the cut. In mutual bench sync's shape this took the bytes
     * up from 238,139 to 86,809 (down 611,771 to 730,793; 8 rounds instead of 6).
     */
    static final int PACE = 12_000;
    /** REQ pages when a window is moved without negentropy ({@link Fallback}). */
    static final int WHOLE_PAGES = 50;

    /** How this node runs the initiating side over a set whose sessions use {@code base}. */
    public static NegentropyConfig initiatorConfig(NegentropyConfig base) {
        return base.withPace(PACE);
    }
    private static final AtomicLong SESSIONS = new AtomicLong();

    private final PeerChannel channel;
    private final LocalNode local;
    private final PeerSpec spec;
    private final Source.Peer source;
    private final Timer timer;
    private final Windows windows;
    private final Fallback fallback = new Fallback();
    private String subscriptionId;
    private boolean answered;
    private final CompletableFuture<SyncReport> result = new CompletableFuture<>();
    private final Set<EventId> announced = new HashSet<>();
    private final ArrayDeque<EventId> toFetch = new ArrayDeque<>();
    private final ArrayDeque<EventId> toSend = new ArrayDeque<>();
    private SyncSession set;
    private Filter currentWindow;
    private Instant started;
    private Instant reconciledAt;
    private Instant lastProgress;
    private boolean reconciled;
    /** Set when the outcome is decided; the future completes on the timer, outside this object's lock. */
    private boolean finished;
    private int fetching;
    /** Offers in flight, counting those being read from the store. */
    private int sending;
    /** Whether a batch of events to send is being read ({@link #refill}); one at a time. */
    private boolean refilling;
    private int rounds;
    private int barrenRounds;
    private long have, need, sent, refused, received, duplicates, rejected, missing, bytesUp, bytesDown;
    private String lastError = "";

    public Reconciliation(PeerChannel channel, LocalNode local, PeerSpec spec, Timer timer) {
        this.channel = channel;
        this.local = local;
        this.spec = spec;
        this.source = new Source.Peer(spec.url());
        this.timer = timer;
        this.windows = new Windows(spec.filter());
    }

    /** Starts; the future completes when everything found has been moved, or fails with a {@link SyncException}. */
    public synchronized CompletableFuture<SyncReport> run() {
        if (started != null) throw new IllegalStateException("a reconciliation runs once");
        started = timer.now();
        lastProgress = started;
        watch(IDLE_TIMEOUT);
        channel.onNegentropy(this::answer);
        // Through a reference cleared at the end: a link's connection outlives many syncs, and
        // its closed() future would otherwise keep every finished one in memory.
        java.util.concurrent.atomic.AtomicReference<Reconciliation> self = new java.util.concurrent.atomic.AtomicReference<>(this);
        result.whenComplete((r, e) -> self.set(null));
        channel.closed().thenRun(() -> {
            Reconciliation live = self.get();
            if (live != null) live.fail("the connection to the peer was lost");
        });
        nextWindow();
        return result;
    }

    /** Opens a negentropy session for the next window, or marks the reconciliation done when none is left. */
    private void nextWindow() {
        Optional<Filter> next = windows.next();
        if (next.isEmpty()) {
            reconciled = true;
            reconciledAt = timer.now();
            pump();
            return;
        }
        Filter window = next.get();
        subscriptionId = "mutual-sync-" + SESSIONS.incrementAndGet();
        answered = false;
        try {
            set = local.set(window);
            byte[] first = set.read(s -> Negentropy.client(s, initiatorConfig(set.config())).initiate());
            currentWindow = window;
            send(new ClientMessage.NegOpen(subscriptionId, window, first), first.length);
        } catch (RuntimeException e) {
            fail("could not start: " + e.getMessage());
        }
    }

    /** Reconciles the halves of the current window instead, when the peer refused it for its size. */
    private boolean splitRefusedWindow(String reason) {
        if (answered || !Windows.refusesSize(reason) || !windows.split(currentWindow, timer.now().getEpochSecond())) return false;
        channel.negentropy(new ClientMessage.NegClose(subscriptionId));
        nextWindow();
        return true;
    }

    /** Counts so far; final once {@link #run()}'s future completed. */
    public synchronized SyncReport report() {
        Instant now = timer.now();
        Duration elapsed = started == null ? Duration.ZERO : Duration.between(started, now);
        Duration negentropy = started == null ? Duration.ZERO : Duration.between(started, reconciledAt == null ? now : reconciledAt);
        return new SyncReport(rounds, have, need, sent, refused, received, duplicates, rejected, missing, bytesUp, bytesDown,
                negentropy, elapsed, lastError, fallback.summary().orElse(""));
    }

    private synchronized void answer(RelayMessage m) {
        if (finished) return;
        switch (m) {
            case RelayMessage.NegMsg msg when msg.subscriptionId().equals(subscriptionId) -> {
                progressed();
                step(msg.message());
            }
            case RelayMessage.NegErr err when err.subscriptionId().equals(subscriptionId) -> {
                progressed();
                if (splitRefusedWindow(err.reason())) return;
                if (err.reason().startsWith(Prefix.INVALID.wire() + ":")) unreadable("the peer could not read our negentropy message", "the peer ended the sync: " + err.reason());
                else fail("the peer ended the sync: " + err.reason());
            }
            default -> {}
        }
    }

    private void step(byte[] message) {
        bytesDown += message.length;
        answered = true;
        ClientStep step;
        try {
            step = set.read(s -> Negentropy.resumedClient(s, initiatorConfig(set.config())).reconcile(message));
        } catch (NegentropyException e) {
            channel.negentropy(new ClientMessage.NegClose(subscriptionId));
            unreadable("the peer sent a bad negentropy message", "the peer sent a bad negentropy message: " + e.getMessage());
            return;
        }
        int known = announced.size();
        for (EventId id : step.have()) {
            if (announced.add(id)) {
                have++;
                if (spec.direction().sends()) toSend.add(id);
            }
        }
        for (EventId id : step.need()) {
            if (announced.add(id)) {
                need++;
                if (spec.direction().receives()) toFetch.add(id);
            }
        }
        barrenRounds = announced.size() > known ? 0 : barrenRounds + 1;
        if (step.next().isPresent() && barrenRounds >= MAX_BARREN_ROUNDS) {
            channel.negentropy(new ClientMessage.NegClose(subscriptionId));
            fail("the peer kept the reconciliation going for " + barrenRounds + " rounds without naming a single new id");
            return;
        }
        if (step.next().isPresent()) {
            send(new ClientMessage.NegMsg(subscriptionId, step.next().get()), step.next().get().length);
        } else {
            channel.negentropy(new ClientMessage.NegClose(subscriptionId));
            nextWindow();
        }
        pump();
    }

    /**
     * Negentropy over the current window failed because one side could not read the other: try it
     * again, or move it another way ({@link Fallback}), or give up.
     */
    private void unreadable(String way, String reason) {
        Filter window = currentWindow;
        long[] ours = set.read(s -> new long[] {s.size(), s.size() == 0 ? 0 : s.timestamp(s.size() / 2)});
        switch (fallback.failed(window, way, reason, (int) ours[0], ours[1], windows, timer.now().getEpochSecond())) {
            case Fallback.Step.Retry r -> windows.again(window);
            case Fallback.Step.Halved h -> lastError = h.note();
            case Fallback.Step.Whole w -> {
                lastError = w.note();
                moveWhole(window);
            }
            case Fallback.Step.GiveUp g -> {
                fail(g.reason());
                return;
            }
        }
        nextWindow();
    }

    /** Moves a window without negentropy: all of this node's events in it offered, all of the peer's fetched by REQ. */
    private void moveWhole(Filter window) {
        if (spec.direction().sends()) {
            List<EventId> ours = set.read(s -> {
                List<EventId> ids = new ArrayList<>(s.size());
                for (int i = 0; i < s.size(); i++) ids.add(s.id(i));
                return ids;
            });
            for (EventId id : ours) if (announced.add(id)) toSend.add(id);
        }
        if (spec.direction().receives()) {
            fetching++;
            fetchWhole(window, new HashSet<>(), 0).whenComplete((v, e) -> fetched(e));
        }
    }

    /**
     * The peer's events in {@code window}, page after page: a relay returns the newest up to its
     * limit, so each next page ends at the oldest time seen, until one brings nothing new.
     */
    private CompletableFuture<Void> fetchWhole(Filter window, Set<EventId> seen, int page) {
        return channel.query(window).thenCompose(events -> {
            List<CompletableFuture<Void>> outcomes = new ArrayList<>();
            long oldest = Long.MAX_VALUE;
            for (Event e : events) {
                if (!window.matches(e)) {
                    counted(() -> { rejected++; lastError = "the peer sent an event outside the range asked for: " + e.id().hex(); });
                    continue;
                }
                if (!seen.add(e.id())) continue;
                oldest = Math.min(oldest, e.createdAt());
                outcomes.add(submit(e, 0));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
            if (outcomes.isEmpty() || page + 1 >= WHOLE_PAGES) return all;
            Filter older = Windows.within(window, window.since().orElse(0), oldest);
            return all.thenCompose(v -> fetchWhole(older, seen, page + 1));
        });
    }

    private void send(ClientMessage m, int bytes) {
        rounds++;
        bytesUp += bytes;
        channel.negentropy(m);
    }

    /** Starts fetches and publishes up to the in-flight bounds; completes the run when all is done. */
    private void pump() {
        if (finished) return;
        while (fetching < FETCHES_IN_FLIGHT && !toFetch.isEmpty()) {
            List<EventId> batch = new ArrayList<>(FETCH_BATCH);
            while (batch.size() < FETCH_BATCH && !toFetch.isEmpty()) batch.add(toFetch.poll());
            fetching++;
            channel.query(Filter.builder().ids(Set.copyOf(batch)).build())
                    .thenCompose(events -> take(Set.copyOf(batch), events))
                    .whenComplete((v, e) -> fetched(e));
        }
        int room = PUBLISHES_IN_FLIGHT - sending;
        if (!refilling && !toSend.isEmpty() && room >= Math.min(SEND_BATCH, toSend.size())) {
            List<EventId> batch = new ArrayList<>(Math.min(room, toSend.size()));
            while (batch.size() < room && !toSend.isEmpty()) batch.add(toSend.poll());
            sending += batch.size(); // until read: those not found are taken off again
            refilling = true;
            timer.schedule(Duration.ZERO, () -> refill(batch));
        }
        if (reconciled && fetching == 0 && sending == 0 && toFetch.isEmpty() && toSend.isEmpty()) {
            finished = true;
            SyncReport done = report();
            timer.schedule(Duration.ZERO, () -> result.complete(done));
        }
    }

    /**
     * Reads a batch of events to send from the store, in one query, and offers them to the peer.
     * It runs on the timer, never on the thread that delivers the peer's messages, and reads
     * outside this object's lock: reading and offering some 200 events there, one store read
     * each, held back the next negentropy reply by 150 to 220 ms in {@code mutual bench sync},
     * and each reply is a step on the sync's critical path.
     */
    private void refill(List<EventId> batch) {
        List<Event> events;
        try {
            events = local.get(batch);
        } catch (RuntimeException e) {
            synchronized (this) {
                refilling = false;
                sending -= batch.size();
                fail("reading events to send failed: " + Failures.rootMessage(e));
            }
            return;
        }
        synchronized (this) {
            refilling = false;
            sending -= batch.size() - events.size();
            if (finished) return;
        }
        for (Event e : events) offer(e, 0);
        synchronized (this) {
            pump();
        }
    }

    /** Takes a fetched batch through ingest; completes when every event has its outcome. */
    private CompletableFuture<Void> take(Set<EventId> asked, List<Event> events) {
        Set<EventId> got = new HashSet<>();
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        for (Event e : events) {
            if (!asked.contains(e.id()) || !got.add(e.id())) {
                counted(() -> { rejected++; lastError = "the peer sent an event that was not asked for: " + e.id().hex(); });
                continue;
            }
            outcomes.add(submit(e, 0));
        }
        int notSent = asked.size() - got.size();
        if (notSent > 0) counted(() -> missing += notSent);
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> submit(Event e, int attempt) {
        return local.submit(e, source).thenCompose(o -> {
            counted(this::progressed);
            if (o instanceof Outcome.Rejected r && r.prefix() == Prefix.RATE_LIMITED && attempt < MAX_RETRIES) {
                CompletableFuture<Void> later = new CompletableFuture<>();
                timer.schedule(RETRY_AFTER, () -> submit(e, attempt + 1).whenComplete((v, t) -> later.complete(null)));
                return later;
            }
            counted(() -> {
                switch (o) {
                    case Outcome.Stored s -> received++;
                    case Outcome.AlreadyHave a -> duplicates++;
                    case Outcome.Rejected r when Failures.isDeletion(r.message()) -> duplicates++; // deleted here: the peer learns it from our kind 5
                    case Outcome.Rejected r -> { rejected++; lastError = "rejected " + e.id().hex() + " from the peer: " + r.message(); }
                    default -> received++;
                }
            });
            return CompletableFuture.completedFuture(null);
        });
    }

    private void offer(Event e, int attempt) {
        channel.publish(e).whenComplete((ok, t) -> {
            synchronized (this) {
                progressed();
                if (t != null) {
                    sending--;
                    fail("the connection to the peer was lost");
                    return;
                }
                if (ok.accepted()) sent++;
                else if (Failures.isDeletion(ok.message())) {
                    // the peer deleted it: settled, not an error
                } else if (ok.message().startsWith(Prefix.RATE_LIMITED.wire() + ":") && attempt < MAX_RETRIES) {
                    timer.schedule(RETRY_AFTER, () -> offer(e, attempt + 1));
                    return;
                } else {
                    refused++;
                    lastError = "the peer refused " + e.id().hex() + ": " + ok.message();
                }
                sending--;
                pump();
            }
        });
    }

    private synchronized void fetched(Throwable error) {
        progressed();
        fetching--;
        if (error != null) fail("fetching from the peer failed: " + Failures.rootMessage(error));
        else pump();
    }

    private void progressed() {
        lastProgress = timer.now();
    }

    /** Fails the sync once it has made no progress for {@link #IDLE_TIMEOUT}. */
    private void watch(Duration after) {
        timer.schedule(after, () -> {
            synchronized (this) {
                if (finished) return;
                Duration quiet = Duration.between(lastProgress, timer.now());
                if (quiet.compareTo(IDLE_TIMEOUT) >= 0) fail("the peer stopped answering (nothing for " + quiet.toSeconds() + " s)");
                else watch(IDLE_TIMEOUT.minus(quiet));
            }
        });
    }

    private synchronized void counted(Runnable update) {
        update.run();
    }

    private synchronized void fail(String reason) {
        if (finished) return;
        lastError = reason;
        finished = true;
        timer.schedule(Duration.ZERO, () -> result.completeExceptionally(new SyncException(reason)));
    }
}
