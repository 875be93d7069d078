package mutual.app.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;

/** REQ-to-EOSE latency and throughput for typical filters, with 1 and with 8 connections. */
final class Queries {
    /** {@code nodeCores} and {@code driverCores}: CPU seconds per second of each process during the measurement. */
    record Result(double reqPerSecond, double p50Ms, double p99Ms, int requests, double eventsPerRequest, double nodeCores, double driverCores) {}

    /** Results keyed by "filter × connections". */
    final Map<String, Result> results = new LinkedHashMap<>();

    interface Say {
        void say(String format, Object... args);
    }

    /** A node to query: its address, its CPU seconds so far (see {@link NodeProcess#cpuSeconds}), and how lines name it. */
    record Target(URI url, DoubleSupplier nodeCpu, String label) {}

    /**
     * Every measurement on every target, one target right after the other (alternating which goes
     * first), so that targets meet the same moments of a shared machine; one result per target.
     */
    static List<Queries> run(List<Target> targets, Workload w, int seconds, Say say) throws Exception {
        List<Queries> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) out.add(new Queries());
        Map<String, Function<SplittableRandom, List<Filter>>> filters = filters(w);
        int step = 0;
        for (int conns : new int[] {1, 8}) {
            for (Map.Entry<String, Function<SplittableRandom, List<Filter>>> f : filters.entrySet()) {
                for (int i : BenchRelayCommand.order(targets.size(), step++)) {
                    Target t = targets.get(i);
                    Result r = measure(t.url(), t.nodeCpu(), f.getValue(), conns, Duration.ofSeconds(seconds));
                    out.get(i).results.put(f.getKey() + " × " + conns, r);
                    say.say("  REQ %-9s with %d connection%s%s: %,8.0f REQ/s  p50 %6.2f ms  p99 %6.2f ms  (%.1f events each; cores used: node %.2f, driver %.2f)",
                            f.getKey(), conns, conns == 1 ? " " : "s", t.label(), r.reqPerSecond(), r.p50Ms(), r.p99Ms(), r.eventsPerRequest(),
                            r.nodeCores(), r.driverCores());
                }
            }
        }
        return out;
    }

    private static Map<String, Function<SplittableRandom, List<Filter>>> filters(Workload w) {
        Map<String, Function<SplittableRandom, List<Filter>>> filters = new LinkedHashMap<>();
        filters.put("tag+limit", r -> List.of(tagged(r, -1)));
        filters.put("author", r -> List.of(Filter.builder().authors(w.keys.get(r.nextInt(w.keys.size())).publicKey()).limit(100).build()));
        filters.put("10 ids", r -> List.of(Filter.builder().ids(ids(w, r, 10)).build()));
        // What a client's first screen asks in one REQ: notes of three people it follows, listings of
        // one category, and two events it links to.
        filters.put("mixed", r -> List.of(
                Filter.builder().kinds(1).authors(w.keys.get(r.nextInt(w.keys.size())).publicKey(), w.keys.get(r.nextInt(w.keys.size())).publicKey(),
                        w.keys.get(r.nextInt(w.keys.size())).publicKey()).limit(20).build(),
                tagged(r, 30402),
                Filter.builder().ids(ids(w, r, 2)).build()));
        return filters;
    }

    /** A category's newest 20, of one kind when {@code kind} is not negative. */
    private static Filter tagged(SplittableRandom r, int kind) {
        mutual.protocol.filter.FilterBuilder b = Filter.builder().tag('t', Workload.CATEGORIES[r.nextInt(Workload.CATEGORIES.length)]).limit(20);
        return kind < 0 ? b.build() : b.kinds(kind).build();
    }

    private static EventId[] ids(Workload w, SplittableRandom r, int n) {
        EventId[] ids = new EventId[n];
        for (int i = 0; i < n; i++) ids[i] = w.events.get(r.nextInt(w.events.size())).id();
        return ids;
    }

    private static Result measure(URI url, DoubleSupplier nodeCpu, Function<SplittableRandom, List<Filter>> filter, int conns, Duration d) throws Exception {
        List<CountingSocket> clients = new ArrayList<>();
        for (int i = 0; i < conns; i++) clients.add(CountingSocket.connect(url, 10_000));
        List<Latencies> per = new ArrayList<>();
        LongAdder events = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<IOException> failure = new AtomicReference<>();
        double node0 = nodeCpu.getAsDouble(), driver0 = Cpu.ofThisProcess();
        long end = System.nanoTime() + d.toNanos();
        long start = System.nanoTime();
        for (int c = 0; c < conns; c++) {
            Latencies lat = new Latencies();
            per.add(lat);
            CountingSocket client = clients.get(c);
            SplittableRandom r = new SplittableRandom(c + 1);
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    List<Filter> f = filter.apply(r);
                    long t0 = System.nanoTime();
                    try {
                        events.add(client.queryCount("q" + (n++), f));
                    } catch (IOException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    lat.add(System.nanoTime() - t0);
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw new IOException("a benchmark query failed: " + failure.get().getMessage(), failure.get());
        double seconds = (System.nanoTime() - start) / 1e9;
        double nodeCores = (nodeCpu.getAsDouble() - node0) / seconds, driverCores = (Cpu.ofThisProcess() - driver0) / seconds;
        for (CountingSocket c : clients) c.close();
        Latencies all = new Latencies();
        per.forEach(all::addAll);
        return new Result(all.count() / seconds, all.percentileMs(50), all.percentileMs(99), all.count(),
                all.count() == 0 ? 0 : events.doubleValue() / all.count(), nodeCores, driverCores);
    }

}
