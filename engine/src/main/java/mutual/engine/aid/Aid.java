package mutual.engine.aid;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import mutual.engine.Node;
import mutual.engine.ingest.IngestListener;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.MatchAction;
import mutual.protocol.aid.MatchEvent;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.store.EventStore;
import mutual.store.Viewer;

/**
 * The mutual-aid engine of a node (docs/architecture.md, "Aid"): it indexes listings as they are
 * ingested, matches each new one incrementally, publishes the node's suggestions, tells people
 * who asked in NIP-17 messages, and keeps the matches' state for the HTTP API. Every event is
 * handled on one aid thread, in commit order, so the notifier thread never waits on matching.
 *
 * <p>Wiring: {@code Aid aid = Aid.install(nodeBuilder, store, nodeKey); Node node = nodeBuilder.build();
 * aid.attach(node); node.start();} and {@code aid.close()} before closing the node.
 */
public final class Aid implements IngestListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Aid.class.getName());
    /** Suggestions made for one new listing at most: the best few, not everyone in town. */
    public static final int DEFAULT_SUGGESTIONS = 5;

    private final EventStore store;
    private final SecretKey nodeKey;
    private final InstantSource clock;
    private final TrustScore trust;
    private final int suggestions;
    private final ListingIndex index;
    /** How often (seconds) matches with no recent step are dropped from memory; see {@link MatchBook}. */
    private static final long FORGET_EVERY = 3600;
    private long lastForget;
    /** Whether the warning that the index is full has been logged since the last load. */
    private boolean warnedFull;
    private final Matcher matcher;
    private final MatchBook book;
    private final Notifier notifier;
    private final Search search;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mutual-aid").daemon(true).factory());
    private final Referring referring;
    /** How often (seconds) urgent needs are checked for referral: their time passes without an event. */
    private static final long REFER_EVERY = 60;
    private volatile Function<Event, CompletableFuture<Outcome>> submit = e -> CompletableFuture.failedFuture(new IllegalStateException("aid is not attached to a node"));
    private volatile Supplier<Optional<String>> relayUrl = Optional::empty;
    /** Whether this process makes suggestions (see {@link #suggestOnlyWhile}). */
    private volatile java.util.function.BooleanSupplier suggests = () -> true;

    private Aid(EventStore store, SecretKey nodeKey, InstantSource clock, RandomGenerator random, TrustScore trust, Referrals referrals,
                int suggestions, int maxListings) {
        this.store = store;
        this.index = new ListingIndex(maxListings);
        this.nodeKey = nodeKey;
        this.clock = clock;
        this.trust = trust;
        this.suggestions = suggestions;
        this.matcher = new Matcher(index, new Scorer(trust));
        this.book = new MatchBook(nodeKey.publicKey(), store);
        this.notifier = new Notifier(nodeKey, random);
        this.search = new Search(index, store);
        this.referring = new Referring(referrals, matcher, book, index);
    }

    public static Aid create(EventStore store, SecretKey nodeKey, InstantSource clock, RandomGenerator random, TrustScore trust, int suggestions) {
        return new Aid(store, nodeKey, clock, random, trust, Referrals.none(), suggestions, defaultMaxListings());
    }

    /**
     * How many current listings the index holds by default: as many as fill a quarter of this
     * JVM's heap, at about a kilobyte each (62,848 with the launcher's 256 MiB heap). The rest is
     * for the sync index (40 to 80 bytes per stored event) and the node's working memory.
     */
    public static int defaultMaxListings() {
        return (int) Math.max(1_000, Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 4 / ListingIndex.BYTES_PER_LISTING));
    }

    /** The most heap an index of {@code listings} current listings takes. */
    public static long listingIndexBytes(long listings) {
        return listings * ListingIndex.BYTES_PER_LISTING;
    }

    /** Creates the engine with its defaults and serves its API at {@code /api/*}; call {@link #attach(Node)} after building. */
    public static Aid install(Node.Builder node, EventStore store, SecretKey nodeKey, InstantSource clock) {
        return install(node, store, nodeKey, clock, defaultMaxListings());
    }

    /** As {@link #install(Node.Builder, EventStore, SecretKey, InstantSource)}, with room for at most {@code maxListings} current listings. */
    public static Aid install(Node.Builder node, EventStore store, SecretKey nodeKey, InstantSource clock, int maxListings) {
        return install(node, store, nodeKey, clock, maxListings, TrustScore.none(), Referrals.none());
    }

    /**
     * As {@link #install(Node.Builder, EventStore, SecretKey, InstantSource, int)}, trusting also as
     * {@code more} says and referring urgent needs as {@code referrals} say (both from communities).
     */
    public static Aid install(Node.Builder node, EventStore store, SecretKey nodeKey, InstantSource clock, int maxListings, TrustScore more,
                              Referrals referrals) {
        Aid aid = new Aid(store, nodeKey, clock, new SecureRandom(), TrustScore.strongest(FollowsAndMatches.over(store), MuteLists.over(store), more), referrals,
                DEFAULT_SUGGESTIONS, maxListings);
        node.route("/api/*", AidApi.handler(aid));
        node.addPolicy(CoarsePlaces.policy());
        return aid;
    }

    /** Loads what the store holds, then listens to the node and publishes through it. */
    public void attach(Node node) {
        attach(e -> node.submit(e, new Source.Local("aid")), node::relayUrl);
        node.addListener(this);
        node.onChangedElsewhere(() -> thread.execute(this::loadQuietly));
    }

    /** As {@link #attach(Node)} for a caller that routes events itself (tests, benchmarks). */
    public void attach(Function<Event, CompletableFuture<Outcome>> submit, Supplier<Optional<String>> relayUrl) {
        this.submit = submit;
        this.relayUrl = relayUrl;
        rebuild();
        thread.scheduleWithFixedDelay(this::referQuietly, REFER_EVERY, REFER_EVERY, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Checks every urgent need for referral now, as the node does each minute (tests). */
    public CompletableFuture<Void> referNow() {
        return CompletableFuture.runAsync(this::refer, thread);
    }

    /**
     * Where this need has been referred by now (docs/protocol.md, "Referral"); empty unless it is an
     * urgent need, open, that allows referral and has no accepted match.
     */
    public List<Referral> referrals(Listing l) {
        return referring.steps(l, clock.instant().getEpochSecond());
    }

    /** Suggests, for each urgent need referred by now, the offers of the communities it reached. */
    private void refer() {
        long now = clock.instant().getEpochSecond();
        referring.referred(now, suggestions, (need, offers) -> suggest(need, offers, now));
    }

    private void referQuietly() {
        if (!suggests.getAsBoolean()) return; // the leading process refers, as it suggests
        try {
            refer();
        } catch (RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "checking urgent needs for referral failed", x);
        }
    }

    @Override
    public void onAccepted(Event event, Source source) {
        if (isAboutAid(event)) thread.execute(() -> handleQuietly(event));
    }

    /**
     * Makes suggestions (and their notices) only while {@code leads} says so: where several node
     * processes share one store, one of them suggests, and the others index the same listings
     * and match steps (their API answers alike) without signing a second suggestion for a pair.
     */
    public void suggestOnlyWhile(java.util.function.BooleanSupplier leads) {
        this.suggests = leads;
    }

    /** Completes once every event handed over so far has been handled (tests, benchmarks). */
    public CompletableFuture<Void> idle() {
        return CompletableFuture.runAsync(() -> {}, thread);
    }

    private static boolean isAboutAid(Event e) {
        int k = e.kind();
        return k == AidKinds.LISTING || k == AidKinds.MATCH || k == 3 || k == MuteLists.KIND || k == 5 || k == 62;
    }

    private void handleQuietly(Event e) {
        try {
            handle(e);
        } catch (AidException x) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring event " + e.id().hex() + ": " + x.getMessage());
        } catch (RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "aid failed on event " + e.id().hex(), x);
        }
    }

    private void handle(Event e) {
        long now = clock.instant().getEpochSecond();
        index.removeExpired(now);
        if (now - lastForget >= FORGET_EVERY) {
            lastForget = now;
            book.forgetQuiet(now);
        }
        trust.observe(e);
        switch (e.kind()) {
            case AidKinds.LISTING -> {
                Listing l = Listing.parse(e);
                if (index.put(l, now) && suggests.getAsBoolean()) {
                    suggestFor(l, now);
                    if (l.type() == mutual.protocol.aid.ListingType.OFFER) referring.reachedBy(l, now, suggestions, (need, offers) -> suggest(need, offers, now));
                }
                warnIfFull();
            }
            case AidKinds.MATCH -> applyQuietly(e);
            case 5 -> forget(e);
            case 62 -> index.removeAuthor(e.pubkey(), e.createdAt());
            default -> { }
        }
    }

    private void suggestFor(Listing l, long now) {
        suggest(l, referring.rank(l, now, suggestions), now);
    }

    private void suggest(Listing l, List<Ranked> ranked, long now) {
        for (Ranked r : ranked) {
            Suggestion s = Suggestion.of(l, r);
            if (book.knows(s.pair())) continue;
            book.suggesting(s.pair(), r.score(), now);
            Optional<String> relay = relayUrl.get();
            Event suggestion = MatchEvent.builder(mutual.protocol.aid.MatchAction.SUGGEST, s.pair()).score(r.score().score())
                    .relay(relay.orElse("")).content(String.join("; ", r.score().reasons())).sign(nodeKey, now);
            publish(suggestion);
            for (Listing side : List.of(s.need(), s.offer())) {
                if (side.wantsNotifications()) {
                    Listing other = side == s.need() ? s.offer() : s.need();
                    publish(notifier.wrapFor(side, other, s.pair(), r.score(), relay, now));
                }
            }
        }
    }

    private void publish(Event e) {
        submit.apply(e).whenComplete((o, x) -> {
            if (x != null || !o.accepted())
                LOG.log(System.Logger.Level.WARNING, "the node refused its own aid event " + e.id().hex() + ": " + (x != null ? x : o.message()));
        });
    }

    /** NIP-09: a deletion by the listing's author removes it from the index. */
    private void forget(Event deletion) {
        deletion.tagsNamed("a").forEach(t -> t.value().flatMap(Address::parse)
                .filter(a -> a.kind() == AidKinds.LISTING && a.pubkey().equals(deletion.pubkey())).ifPresent(index::remove));
        deletion.tagsNamed("e").forEach(t -> t.value().flatMap(mutual.protocol.event.EventId::fromHex).flatMap(index::getById)
                .filter(l -> l.author().equals(deletion.pubkey())).ifPresent(l -> index.remove(l.address())));
    }

    /** Reads listings, contact lists and match steps from the store (oldest first), without suggesting anything. */
    private void rebuild() {
        try {
            thread.submit(this::load).get();
        } catch (Exception x) {
            throw new IllegalStateException("rebuilding the aid index failed: " + x.getMessage(), x);
        }
    }

    /**
     * After another process wrote to the store: what it added is read in (the index keeps the
     * newest version of each listing). Removals reach the index only as the deletion and vanish
     * requests the node announces (see {@code Node.noticeWritesElsewhere}); others stay until
     * the node restarts.
     */
    private void loadQuietly() {
        try {
            load();
        } catch (RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "reading the store again for the aid index failed", x);
        }
    }

    /**
     * On the aid thread. Reads the listings, the match steps of the last
     * {@link MatchBook#KEEP_IN_MEMORY} seconds (older matches are read back when needed), and every
     * completed match, for trust.
     */
    private void load() {
        long now = clock.instant().getEpochSecond();
        // Listings can number in the millions: read in pages, never all at once. The store keeps
        // one version per address, so the order does not matter here. (Contact lists are read
        // when needed; see FollowsAndMatches.)
        StorePages.forEach(store, AidKinds.LISTING, e -> {
            try {
                index.put(Listing.parse(e), now);
            } catch (AidException x) {
                // a classified listing of another kind of app
            }
        });
        // Match steps in pages too, newest first: the first step seen of a pair reads that pair's
        // whole history from the store in order (MatchBook.apply), and the rest are then known.
        StorePages.forEach(store, () -> Filter.builder().kinds(AidKinds.MATCH).tag('l', MatchAction.DONE.label()), this::applyQuietly);
        StorePages.forEach(store, () -> Filter.builder().kinds(AidKinds.MATCH).since(now - MatchBook.KEEP_IN_MEMORY), this::applyQuietly);
        book.forgetQuiet(now);
        lastForget = now;
        LOG.log(System.Logger.Level.INFO, "aid index: " + index.size() + " current listings, " + book.size() + " recent matches");
        warnedFull = false;
        warnIfFull();
    }

    /** Applies a stored match step; a completed match counts for trust. */
    private void applyQuietly(Event e) {
        try {
            MatchEvent m = MatchEvent.parse(e);
            if (book.apply(m)) trust.completed(m.pair().need().pubkey(), m.pair().offer().pubkey());
        } catch (AidException x) {
            // not a match step of ours
        }
    }

    /** Logs once (per load) that listings were left out of a full index, and what to do about it. */
    private void warnIfFull() {
        if (warnedFull || index.leftOut() == 0) return;
        warnedFull = true;
        LOG.log(System.Logger.Level.WARNING, "aid index full: it holds the newest " + index.capacity() + " current listings and left out "
                + index.leftOut() + " older ones so far, which matching and listing searches do not see (the relay still stores and"
                + " serves them all). Give the node more heap (MUTUAL_JAVA_OPTS=-Xmx…) or set max-indexed-listings.");
    }

    // ---- reads, for the API (any thread) ----

    /** The listing at this address: current ones from the index, others from the store. */
    public Optional<Listing> listing(Address a) {
        Optional<Listing> l = index.get(a);
        if (l.isPresent()) return l;
        Filter f = Filter.builder().kinds(a.kind()).authors(a.pubkey()).tag('d', a.d()).build();
        for (Event e : store.query(List.of(f), Viewer.node(), 1)) {
            try {
                return Optional.of(Listing.parse(e));
            } catch (AidException x) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public List<Listing> search(ListingQuery q) {
        return search.run(q, clock.instant().getEpochSecond());
    }

    /** The listings that fit this one now, best first. */
    public List<Ranked> rank(Listing l, int limit) {
        return referring.rank(l, clock.instant().getEpochSecond(), limit);
    }

    /** The matches this listing is part of, with their state. */
    public List<MatchView> matches(Address listing) {
        return book.of(listing, clock.instant().getEpochSecond(), a -> index.get(a).isPresent());
    }

    public Optional<MatchView> match(String ref) {
        return book.get(ref, clock.instant().getEpochSecond(), a -> index.get(a).isPresent());
    }

    /** The index itself, for benchmarks that load it without a store. */
    ListingIndex index() {
        return index;
    }

    /** How many current listings the index holds. */
    public int indexed() {
        return index.size();
    }

    /** The most current listings the index holds. */
    public int maxIndexed() {
        return index.capacity();
    }

    /** How many current listings were left out of the index, or dropped for newer ones, because it was full. */
    public long leftOut() {
        return index.leftOut();
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
