package mutual.engine.community;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mutual.engine.Node;
import mutual.engine.aid.StorePages;
import mutual.engine.ingest.IngestListener;
import mutual.engine.ingest.Source;
import mutual.protocol.community.CommunityEvent;
import mutual.protocol.community.CommunityException;
import mutual.protocol.community.CommunityKinds;
import mutual.protocol.community.CommunityLedger;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.Tally;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;

/**
 * Keeps a {@link CommunityLedger} per community (docs/protocol.md, "Communities"), fed by every
 * community event the node takes in, whatever its source, and read back from the store at start,
 * so tallies are the same after a restart or a replay. All ledger work runs on one thread; readers
 * ask it for a tally at the clock's time.
 *
 * <p>Wiring: {@code Communities c = Communities.install(nodeBuilder, store, clock); Node node =
 * nodeBuilder.build(); c.attach(node);} and {@code c.close()} before closing the node.
 */
public final class Communities implements IngestListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Communities.class.getName());
    private static final long READ_TIMEOUT_SECONDS = 10;
    /** How often the views are brought up to the clock (proposals close, events dated later fall due) without a new event. */
    private static final long REFRESH_SECONDS = 30;

    private final EventStore store;
    private final InstantSource clock;
    private final Map<EventId, CommunityLedger> ledgers = new HashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mutual-communities").daemon(true).factory());
    /** Views of the communities as they stand, kept on the community thread; {@link #index} is built from them. */
    private final Map<String, CommunityView> views = new HashMap<>();
    private final Set<EventId> changed = new HashSet<>();
    /** Reports by community, as they came; on the community thread. */
    private final Map<EventId, Map<EventId, mutual.protocol.community.Report>> reports = new HashMap<>();
    private boolean refreshQueued;
    private volatile CommunityIndex index = CommunityIndex.EMPTY;

    private Communities(EventStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        thread.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    public static Communities create(EventStore store, InstantSource clock) {
        return new Communities(store, clock);
    }

    /** Creates the ledgers, refuses community events that can never count, and serves {@code /api/communities/*}; call {@link #attach(Node)} after building. */
    public static Communities install(Node.Builder node, EventStore store, InstantSource clock) {
        Communities c = new Communities(store, clock);
        node.route("/api/communities/*", CommunityApi.handler(c));
        node.addPolicy(CommunityAdmission.neverCounts(store));
        return c;
    }

    /** Reads the community events the store holds, then follows the node. */
    public void attach(Node node) {
        load();
        store.addChangeListener(changes -> {
            // A request to vanish took community events away (deletion requests leave them): their tallies are read again.
            if (changes.stream().anyMatch(c -> !c.added() && CommunityParser.isCommunityKind(c.kind()))) thread.execute(this::rebuildQuietly);
        });
        node.addListener(this);
        node.onChangedElsewhere(() -> thread.execute(this::loadQuietly));
    }

    @Override
    public void onAccepted(Event event, Source source) {
        if (CommunityParser.isCommunityKind(event.kind())) thread.execute(() -> takeLive(event));
        else if (CommunityParser.isCommunityReport(event)) thread.execute(() -> {
            if (stillHeld(event)) takeReport(event);
        });
    }

    /** The tally of a community at the clock's time; empty when its founding is not held here. */
    public Optional<Tally> tally(EventId community) {
        return onThread(() -> {
            CommunityLedger l = ledgers.get(community);
            return l == null ? Optional.<Tally>empty() : l.tallyAt(clock.instant().getEpochSecond());
        });
    }

    /**
     * The tally of a community as it stood at {@code at} (membership at a past moment, a proposal
     * as it closed); a moment at or after the clock's is the tally now. Computed afresh from the
     * events held, so the live ledger keeps its place.
     */
    public Optional<Tally> tallyAt(EventId community, long at) {
        long now = clock.instant().getEpochSecond();
        if (at >= now) return tally(community);
        return onThread(() -> {
            CommunityLedger l = ledgers.get(community);
            return l == null ? Optional.<Tally>empty() : CommunityLedger.compute(community, l.events(), at);
        });
    }

    /** Trust in matching from shared communities, vouches and links, for {@code Aid.install}. */
    public mutual.engine.aid.TrustScore trust() {
        return new CommunityTrust(() -> index);
    }

    /** Where urgent needs of members are referred through links, for {@code Aid.install}. */
    public mutual.engine.aid.Referrals referrals() {
        return new CommunityReferrals(() -> index);
    }

    /** Every community as it stands at the clock's time, indexed; brought up to the clock first. */
    CommunityIndex index() {
        return onThread(() -> {
            refresh();
            return index;
        });
    }

    /** Completes once every event handed over so far has been taken in (tests). */
    public CompletableFuture<Void> idle() {
        return CompletableFuture.runAsync(() -> {}, thread);
    }

    /** Reads every community event in the store, foundings first, a page at a time; events already held are skipped. */
    public void load() {
        onThread(Long.MAX_VALUE, () -> {
            int n = 0;
            for (int kind = CommunityKinds.FOUNDING; kind <= CommunityKinds.RESPONSE; kind++) n += loadKind(kind);
            StorePages.forEach(store, CommunityKinds.REPORT, this::takeReport);
            LOG.log(System.Logger.Level.INFO, "communities: " + ledgers.size() + " read from " + n + " events");
            refresh();
            return null;
        });
    }

    private int loadKind(int kind) {
        int[] n = {0};
        StorePages.forEach(store, kind, e -> {
            take(e);
            n[0]++;
        });
        return n[0];
    }

    /**
     * Only communities whose founding is held get a ledger, so events naming unknown communities
     * cost no memory (they wait in the store). A founding that arrives after its community's
     * events, as after a partition, reads them back from the store.
     */
    private void takeLive(Event e) {
        if (!stillHeld(e)) return;
        parse(e).ifPresent(ce -> {
            boolean isNew = ce instanceof mutual.protocol.community.Founding && !ledgers.containsKey(ce.id());
            take(ce);
            if (isNew) StorePages.forEach(store, () -> Filter.builder().kinds(CommunityKinds.MEMBER, CommunityKinds.PROPOSAL, CommunityKinds.RESPONSE)
                    .tag('e', ce.id().hex()), this::take);
        });
    }

    /** Keeps a report of a community (docs/protocol.md, "Reports"); one that does not read is left out. */
    private void takeReport(Event e) {
        if (!CommunityParser.isCommunityReport(e)) return;
        try {
            mutual.protocol.community.Report r = CommunityParser.report(e);
            reports.computeIfAbsent(r.community(), k -> new java.util.LinkedHashMap<>()).putIfAbsent(r.id(), r);
        } catch (CommunityException x) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring " + x.getMessage());
        }
    }

    /** The reports about members of a community the node holds, oldest first. */
    public java.util.List<mutual.protocol.community.Report> reports(EventId community) {
        return onThread(() -> reports.getOrDefault(community, Map.of()).values().stream()
                .sorted(java.util.Comparator.comparingLong(mutual.protocol.community.Report::createdAt).thenComparing(r -> r.id().hex())).toList());
    }

    private void take(Event e) {
        parse(e).ifPresent(this::take);
    }

    /**
     * Whether the store still holds an event the node took in: the node hands events over after
     * their OK, so a request to vanish can remove one (and this thread read the store again) before
     * it arrives here. A lookup by id, small beside what one community event costs.
     */
    private boolean stillHeld(Event e) {
        return !store.query(List.of(Filter.builder().ids(e.id()).build()), mutual.store.Viewer.node(), 1).isEmpty();
    }

    private void take(CommunityEvent ce) {
        CommunityLedger l = ce instanceof mutual.protocol.community.Founding ? ledgers.computeIfAbsent(ce.id(), CommunityLedger::new) : ledgers.get(ce.community());
        if (l == null || !l.add(ce)) return;
        changed.add(l.community());
        if (!refreshQueued) { // after whatever is queued now: one refresh for a batch of events
            refreshQueued = true;
            thread.execute(this::refreshQuietly);
        }
    }

    /**
     * Brings the views up to the clock: the communities that took events since, and those whose
     * tally changed by itself (a proposal closed), then a new index if any changed. On the community thread.
     */
    private void refresh() {
        refreshQueued = false;
        long now = clock.instant().getEpochSecond();
        for (CommunityView v : views.values())
            if (v.nextChange().isPresent() && v.nextChange().getAsLong() <= now) changed.add(v.founding().id());
        if (changed.isEmpty()) return;
        for (EventId id : changed) {
            CommunityLedger l = ledgers.get(id);
            l.tallyAt(now).ifPresent(t -> views.put(id.hex(), CommunityView.of(t, l.nextChangeAfter(now))));
        }
        changed.clear();
        index = new CommunityIndex(views);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "bringing the community views up to the clock failed", x);
        }
    }

    private static Optional<CommunityEvent> parse(Event e) {
        try {
            return Optional.of(CommunityParser.parse(e));
        } catch (CommunityException x) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring " + x.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets every ledger and reads the store again: after events left the store, which ledgers only ever add to. */
    private void rebuildQuietly() {
        ledgers.clear();
        views.clear();
        reports.clear();
        changed.clear();
        loadQuietly();
        index = new CommunityIndex(views); // also when no community is left
    }

    private void loadQuietly() {
        try {
            load();
        } catch (RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "reading the store again for communities failed", x);
        }
    }

    private <T> T onThread(java.util.concurrent.Callable<T> work) {
        return onThread(READ_TIMEOUT_SECONDS, work);
    }

    /** Runs {@code work} on the community thread and waits at most {@code seconds} (a start-up read may take long). */
    private <T> T onThread(long seconds, java.util.concurrent.Callable<T> work) {
        if (Thread.currentThread().getName().equals("mutual-communities")) {
            try {
                return work.call();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }
        try {
            return thread.submit(work).get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException x) {
            throw x.getCause() instanceof RuntimeException r ? r : new IllegalStateException(x.getCause());
        } catch (TimeoutException x) {
            throw new IllegalStateException("the community engine did not answer within " + seconds + " s");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
