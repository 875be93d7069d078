package mutual.engine.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventJson;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Rough figures, not a test: import rate of 100,000 events of about 935 bytes. Runs with {@code -Dmutual.bench=true}. */
@EnabledIfSystemProperty(named = "mutual.bench", matches = "true")
class BundleImportBenchmark {
    @TempDir Path dir;

    @Test
    void importRate() throws Exception {
        int n = Integer.getInteger("mutual.bench.events", 100_000);
        BundleFixture fx = new BundleFixture();
        Path file = write(dir.resolve("bench.bundle"), n, fx.clock.seconds() - 60);
        System.out.printf("bundle: %,d events, %,d bytes compressed%n", n, Files.size(file));
        if (Boolean.getBoolean("mutual.bench.parts")) parts(file, n);
        String[] variants = System.getProperty("mutual.bench.variants", "default").split(",");
        for (int round = 0; round < 2; round++) {
            for (String v : variants) {
                var b = SqliteStore.builder(dir.resolve("data-" + v + round));
                if (v.contains("nommap")) b.mmapBytes(0);
                if (v.contains("bigcache")) b.cacheKiB(128 * 1024, 16 * 1024);
                BundleImport.Options o = BundleImport.Options.defaults();
                if (v.contains("batch500")) o = new BundleImport.Options(o.window(), o.decodeThreads(), o.maxLineBytes(), o.limits(), 500, o.checkpoints());
                if (v.contains("batch8000")) o = new BundleImport.Options(16384, o.decodeThreads(), o.maxLineBytes(), o.limits(), 8000, o.checkpoints());
                try (SqliteStore store = b.open(); CpuByThread cpu = CpuByThread.start()) {
                    java.util.concurrent.atomic.AtomicLong inWrite = new java.util.concurrent.atomic.AtomicLong();
                    java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();
                    var timed = new BundleResumeTest.Forwarding(store, batch -> batches.incrementAndGet()) {
                        @Override
                        public java.util.List<mutual.store.WriteOutcome> write(java.util.List<Event> batch) {
                            long w0 = System.nanoTime();
                            try {
                                return super.write(batch);
                            } finally {
                                inWrite.addAndGet(System.nanoTime() - w0);
                            }
                        }
                    };
                    long t0 = System.nanoTime();
                    BundleImport.Summary s = BundleImport.create(timed, BundleFixture.policies(), fx.clock, file, o).run();
                    double secs = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("  store.write busy %.0f%% of the run, %.1f us wall per event, %d batches%n",
                            inWrite.get() / 1e7 / secs, inWrite.get() / 1e3 / n, batches.get());
                    System.out.printf("import %-10s: %,d stored in %.2f s = %,.0f events/s (%s)%n", v, s.counts().stored(), secs, n / secs, s.damage());
                    System.out.println("  CPU per event by thread: " + cpu.perEvent(n));
                }
            }
        }
    }

    /** Each stage alone: read+unzip+hash, decode, verify, store writes. */
    void parts(Path file, int n) throws Exception {
        java.util.List<byte[]> lines = new java.util.ArrayList<>(n);
        long t0 = System.nanoTime();
        try (BundleReader r = BundleReader.open(file, 1 << 20)) {
            Optional<BundleReader.Line> l;
            while ((l = r.next()).isPresent()) lines.add(l.get().bytes().orElseThrow());
            r.sha256();
        }
        long t1 = System.nanoTime();
        var json = mutual.protocol.json.Json.create(mutual.protocol.json.Limits.defaults());
        Event[] evs = new Event[n];
        for (int i = 0; i < n; i++) evs[i] = mutual.protocol.event.EventReader.read(json, lines.get(i));
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) if (mutual.protocol.event.EventCheck.problem(evs[i]).isPresent()) throw new AssertionError();
        long t3 = System.nanoTime();
        System.out.printf("per event, one thread: read+unzip+hash %.1f us, decode %.1f us, id+sig check %.1f us%n",
                (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n);
        try (SqliteStore store = SqliteStore.open(dir.resolve("raw"))) {
            for (int batch : new int[] {2000}) {
                long w0 = System.nanoTime();
                for (int i = 0; i < n; i += batch) store.write(java.util.Arrays.asList(evs).subList(i, Math.min(n, i + batch)));
                System.out.printf("store.write alone, batches of %d: %.1f us per event%n", batch, (System.nanoTime() - w0) / 1e3 / n);
            }
        }
    }

    /** The events sorted oldest first, as an export from a store writes them. */
    static Path write(Path file, int n, long base) throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        List<SecretKey> keys = IntStream.range(0, 1000).mapToObj(i -> SecretKey.generate(r.split())).toList();
        Event[] events = new Event[n];
        IntStream.range(0, n).parallel().forEach(i -> events[i] = event(keys, i, base));
        java.util.Arrays.sort(events, java.util.Comparator.comparingLong(Event::createdAt).thenComparing(e -> e.id().hex()));
        try (BundleWriter w = BundleWriter.create(file)) {
            for (Event e : events) w.add(EventJson.writeBytes(e), e.createdAt());
            Manifest m = w.finish(base, Optional.empty(), false);
            System.out.printf("average event %.0f bytes%n", m.bytes() / (double) n - 1);
        }
        return file;
    }

    /** Like the relay benchmark's workload: half notes of 840 characters, half NIP-99 listings. */
    static Event event(List<SecretKey> keys, int n, long base) {
        SplittableRandom r = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
        SecretKey key = keys.get(n % keys.size());
        long at = base - (n % 86400) - n / 100;
        if (n % 2 == 0) return EventBuilder.create(1, at).tag("t", "food").content(text(r, 840)).sign(key);
        return EventBuilder.create(30402, at).tag("d", "listing-" + n).tag("title", text(r, 40)).tag("summary", text(r, 80))
                .tag("published_at", Long.toString(at)).tag("location", "Neighbourhood " + r.nextInt(500)).tag("price", "0", "EUR")
                .tag("t", "tools").tag("g", "u4pru").tag("status", "active").content(text(r, 395)).sign(key);
    }

    static String text(SplittableRandom r, int length) {
        String[] words = "bread soup ride bike ladder drill lesson garden tomatoes blanket coat nappies repair paint walk dog lift".split(" ");
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) sb.append(words[r.nextInt(words.length)]).append(' ');
        sb.setLength(length);
        return sb.toString();
    }

    /** CPU time of each thread (by name, numbers dropped) over a run, sampled so that threads that end are counted. */
    static final class CpuByThread implements AutoCloseable {
        final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        final java.util.Map<Long, Long> start = new java.util.concurrent.ConcurrentHashMap<>(), last = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        final Thread sampler;
        volatile boolean on = true;

        private CpuByThread() {
            sample(start);
            sampler = Thread.ofPlatform().daemon(true).start(() -> {
                while (on) {
                    sample(last);
                    try { Thread.sleep(50); } catch (InterruptedException e) { return; }
                }
            });
        }

        static CpuByThread start() {
            return new CpuByThread();
        }

        void sample(java.util.Map<Long, Long> into) {
            for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t == null) continue;
                long c = mx.getThreadCpuTime(t.getThreadId());
                if (c < 0) continue;
                into.put(t.getThreadId(), c);
                names.put(t.getThreadId(), t.getThreadName().replaceAll("-?\\d+$", ""));
            }
        }

        String perEvent(int n) {
            sample(last);
            java.util.Map<String, Double> us = new java.util.TreeMap<>();
            last.forEach((id, c) -> {
                double d = (c - start.getOrDefault(id, 0L)) / 1e3 / n;
                if (d > 0.5) us.merge(names.get(id), d, Double::sum);
            });
            StringBuilder sb = new StringBuilder();
            us.forEach((k, v) -> sb.append(String.format("%s %.1f us, ", k, v)));
            sb.append(String.format("total %.1f us", us.values().stream().mapToDouble(Double::doubleValue).sum()));
            return sb.toString();
        }

        @Override
        public void close() {
            on = false;
        }
    }
}
