package mutual.app.aid;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.engine.bundle.BundleReader;
import mutual.engine.client.RelayClient;
import mutual.engine.client.RemoteIds;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;

/**
 * Copies a person's history to a new node: from each source relay, every event they wrote and
 * every event addressed to them ({@code #p}; gift wraps after NIP-42 AUTH as the recipient):
 * by NIP-77 where the source speaks it (the ids it holds, less those the new node holds, fetched
 * by id), else paging backwards in time (REQ, {@value #PAGE} a page, an {@code until} cursor), sent on to the
 * target with many EVENTs in flight, each counted by its OK. The cursor of every page whose
 * events all arrived is kept in {@link MoveState}, so an interrupted move resumes where it was.
 */
final class Mover {
    static final int PAGE = 500;
    /** EVENTs awaiting their OK: more than the node's 256 per connection, so its queue never runs dry. */
    static final int IN_FLIGHT = 1024;
    /** Refusals kept to show, beside their count. */
    private static final int SHOWN = 10;

    /** The two parts of a person's history, each paged on its own. */
    enum Part {
        AUTHORED("written", (me, b) -> b.authors(me.publicKey())),
        ADDRESSED("addressed", (me, b) -> b.tag('p', me.publicKey().hex()));

        final String key;
        final java.util.function.BiFunction<SecretKey, FilterBuilder, FilterBuilder> filter;

        Part(String key, java.util.function.BiFunction<SecretKey, FilterBuilder, FilterBuilder> filter) {
            this.key = key;
            this.filter = filter;
        }
    }

    /** What one source gave. {@code problem}: why it stopped early, empty when it finished. */
    record SourceReport(String relay, long read, long stored, long already, long refused, boolean authenticated, String problem) {}

    final AtomicLong read = new AtomicLong(), stored = new AtomicLong(), already = new AtomicLong(), refused = new AtomicLong(), total = new AtomicLong();
    final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final SecretKey me;
    private final List<RelayClient> targets;
    private int next;
    private final MoveState state;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private int subs;

    /** {@code targets}: connections to the new node, used in turn, so its ingest works on several at once. */
    Mover(SecretKey me, List<RelayClient> targets, MoveState state) {
        this.me = me;
        this.targets = targets;
        this.state = state;
    }

    /** Copies from one source; a source that cannot be reached or stops answering is reported, not thrown. */
    SourceReport from(String source, long now) {
        long r0 = read.get(), s0 = stored.get(), a0 = already.get(), f0 = refused.get();
        boolean authed = false;
        String problem = "";
        try (RelayClient c = RelayClient.connect(URI.create(source), Duration.ofSeconds(10))) {
            try {
                authed = c.authenticate(me, now).get(10, TimeUnit.SECONDS).accepted();
            } catch (Exception x) {
                authed = false; // a relay that asks for no AUTH serves what it serves to anyone
            }
            for (Part p : Part.values()) {
                try {
                    total.addAndGet(c.count("move-count-" + p.key, List.of(p.filter.apply(me, Filter.builder()).build())).get(10, TimeUnit.SECONDS));
                } catch (Exception x) {
                    // no NIP-45: the progress shows counts without a bar
                }
            }
            for (Part p : Part.values()) if (!state.done(source, p.key) && !bySets(c, source, p, now)) copy(c, source, p, now);
        } catch (CliException x) {
            throw x;
        } catch (Exception x) {
            problem = NodeLink.reason(x);
        }
        return new SourceReport(source, read.get() - r0, stored.get() - s0, already.get() - a0, refused.get() - f0, authed, problem);
    }

    /**
     * Copies from a bundle file (a node's export, carried by hand): every event in it that the
     * person wrote or that names them, in batches of {@value #PAGE}. A bundle has no cursor: run
     * again, what arrived before is answered {@code duplicate:}, cheaply. A damaged file is reported
     * after the events before the damage were sent.
     */
    SourceReport fromBundle(Path file) {
        long r0 = read.get(), s0 = stored.get(), a0 = already.get(), f0 = refused.get();
        String problem = "";
        String hex = me.publicKey().hex();
        List<CompletableFuture<Boolean>> batches = new ArrayList<>();
        try (BundleReader r = BundleReader.open(file, BUNDLE_LINE_BYTES)) {
            List<Event> batch = new ArrayList<>(PAGE);
            for (var line = r.next(); line.isPresent(); line = r.next()) {
                Optional<Event> e = line.get().bytes().flatMap(Mover::event);
                if (e.isEmpty() || !(e.get().pubkey().equals(me.publicKey()) || e.get().tagsNamed("p").stream().anyMatch(t -> t.value().orElse("").equals(hex)))) continue;
                batch.add(e.get());
                if (batch.size() == PAGE) {
                    read.addAndGet(batch.size());
                    batches.add(send(batch));
                    batch = new ArrayList<>(PAGE);
                }
            }
            read.addAndGet(batch.size());
            if (!batch.isEmpty()) batches.add(send(batch));
            CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (CliException x) {
            throw x;
        } catch (java.nio.file.NoSuchFileException x) {
            problem = "no such file";
        } catch (Exception x) {
            problem = NodeLink.reason(x);
        }
        return new SourceReport("bundle " + file, read.get() - r0, stored.get() - s0, already.get() - a0, refused.get() - f0, true, problem);
    }

    /** Longest bundle line taken: an event the size a node takes, with room to spare. */
    private static final int BUNDLE_LINE_BYTES = 1 << 20;
    private static final Json BUNDLE_JSON = Json.create(Limits.defaults());

    private static Optional<Event> event(byte[] line) {
        try {
            return Optional.of(EventReader.read(BUNDLE_JSON, line));
        } catch (RuntimeException e) {
            return Optional.empty(); // a line the node would refuse anyway; the import path reports such lines
        }
    }

    /**
     * NIP-77, where both sides speak it: the ids the source holds for this part, less those the
     * new node holds, fetched by id and sent. Nothing is missed however many events share a second,
     * and what is already there is not sent again. False when the source does not speak NIP-77
     * (then {@link #copy} pages by REQ); a new node without it counts as holding nothing.
     */
    private boolean bySets(RelayClient c, String source, Part part, long now) throws Exception {
        Filter f = part.filter.apply(me, Filter.builder()).build();
        Optional<Set<EventId>> there = RemoteIds.of(c, f, SET_WAIT);
        if (there.isEmpty()) return false;
        RelayClient target = targets.get(0);
        if (!targetAuthenticated) {
            targetAuthenticated = true;
            try {
                target.authenticate(me, now).get(10, TimeUnit.SECONDS); // so the new node counts the gift wraps it holds for us
            } catch (Exception x) {
                // a node that asks for no AUTH shows what it shows to anyone
            }
        }
        Set<EventId> missing = new HashSet<>(there.get());
        RemoteIds.of(target, f, SET_WAIT).ifPresent(missing::removeAll);
        already.addAndGet(there.get().size() - missing.size());
        List<EventId> wanted = List.copyOf(missing);
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i += BY_ID) {
            List<Event> got = c.query("move-" + (subs++), List.of(Filter.builder().ids(Set.copyOf(wanted.subList(i, Math.min(wanted.size(), i + BY_ID)))).build()))
                    .get(60, TimeUnit.SECONDS);
            read.addAndGet(got.size());
            sent.add(send(got));
        }
        boolean whole = true;
        for (CompletableFuture<Boolean> s : sent) whole &= s.get(120, TimeUnit.SECONDS);
        if (whole) state.finish(source, part.key);
        return true;
    }

    private static final Duration SET_WAIT = Duration.ofSeconds(30);
    /** Ids asked for in one REQ: within a node's filter limits and its max-limit. */
    private static final int BY_ID = 250;
    private boolean targetAuthenticated;

    private record Page(long until, CompletableFuture<Boolean> allArrived) {}

    private void copy(RelayClient c, String source, Part part, long now) throws Exception {
        long until = state.until(source, part.key).orElse(now + 900);
        Set<EventId> seen = new HashSet<>();
        ArrayDeque<Page> pages = new ArrayDeque<>();
        boolean clean = true;
        while (true) {
            Filter f = part.filter.apply(me, Filter.builder()).until(until).limit(PAGE).build();
            List<Event> page = c.query("move-" + (subs++), List.of(f)).get(60, TimeUnit.SECONDS);
            long oldest = page.stream().mapToLong(Event::createdAt).min().orElse(until);
            List<Event> fresh = page.stream().filter(e -> seen.add(e.id())).toList();
            if (fresh.isEmpty()) {
                // Nothing new: the end, or a page all of one second that was already sent; step past that second.
                if (page.isEmpty() || oldest <= 0) break;
                until = oldest - 1;
                continue;
            }
            read.addAndGet(fresh.size());
            pages.add(new Page(oldest, send(fresh)));
            until = oldest;
            clean = keepCursor(source, part, pages, false, clean);
        }
        if (keepCursor(source, part, pages, true, clean)) state.finish(source, part.key);
    }

    /**
     * Saves the cursor past every leading page whose events all arrived ({@code all}: waits for
     * every page). Once a page had a refusal the cursor stays before it, so a second run retries
     * it; returns whether every page so far arrived whole.
     */
    private boolean keepCursor(String source, Part part, ArrayDeque<Page> pages, boolean all, boolean clean) throws Exception {
        while (!pages.isEmpty() && (all || pages.peek().allArrived().isDone())) {
            Page p = pages.poll();
            clean &= p.allArrived().get(120, TimeUnit.SECONDS);
            if (clean) state.save(source, part.key, p.until());
        }
        return clean;
    }

    /** Publishes each event with up to {@value #IN_FLIGHT} awaiting their OK; completes with whether all arrived. */
    private CompletableFuture<Boolean> send(List<Event> events) throws InterruptedException {
        List<CompletableFuture<Boolean>> oks = new ArrayList<>(events.size());
        for (Event e : events) {
            inFlight.acquire();
            RelayClient target = targets.get(next++ % targets.size());
            if (target.closedFuture().isDone()) {
                inFlight.release();
                throw new CliException(ExitCodes.IO, "the new node closed the connection after " + (stored.get() + already.get())
                        + " events arrived; run the same command again to resume");
            }
            oks.add(target.publish(e).handle((ok, x) -> {
                inFlight.release();
                if (x != null) return refuse(e, "not answered: " + NodeLink.reason(x));
                if (ok.accepted()) {
                    (ok.message().startsWith("duplicate:") ? already : stored).incrementAndGet();
                    return true;
                }
                if (ok.message().startsWith("duplicate:")) {
                    already.incrementAndGet();
                    return true;
                }
                return refuse(e, ok.message());
            }));
        }
        return CompletableFuture.allOf(oks.toArray(CompletableFuture[]::new))
                .thenApply(v -> oks.stream().allMatch(CompletableFuture::join));
    }

    private boolean refuse(Event e, String why) {
        refused.incrementAndGet();
        if (refusals.size() < SHOWN) refusals.putIfAbsent(e.id().hex(), "kind " + e.kind() + ": " + why);
        return false;
    }

}
