package mutual.store.sqlite;

import static mutual.store.sqlite.Fixture.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.event.EventJson;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rough figures, not a test: write throughput per batch size (durable and not) and query latency
 * on 100k events. Runs only with {@code -Dmutual.bench=true}; prints its numbers.
 */
@EnabledIfSystemProperty(named = "mutual.bench", matches = "true")
class StoreBenchmark {
    @TempDir Path dir;

    static final int AUTHORS = 100;
    final Random r = new Random(42);
    final List<SecretKey> keys = new ArrayList<>();

    List<Event> events(int n, long startAt) {
        if (keys.isEmpty()) {
            Fixture fx = new Fixture(11);
            for (int i = 0; i < AUTHORS; i++) keys.add(fx.key());
        }
        List<Event> out = new ArrayList<>(n);
        char[] text = new char[560];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < text.length; c++) text[c] = (c % 7 == 6) ? ' ' : (char) ('a' + r.nextInt(26));
            SecretKey k = keys.get(r.nextInt(AUTHORS));
            out.add(EventBuilder.create(1, startAt + i / 10).content(new String(text))
                    .tag("t", "topic" + r.nextInt(50))
                    .tag("p", keys.get(r.nextInt(AUTHORS)).publicKey().hex())
                    .tag("e", "%064x".formatted(r.nextLong() & Long.MAX_VALUE))
                    .sign(k));
        }
        return out;
    }

    @Test
    void writeThroughputByBatchSize() {
        List<Event> sample = events(1, NOW - 100_000);
        System.out.printf("event JSON size: %d bytes%n", EventJson.writeBytes(sample.get(0)).length);
        for (boolean durable : new boolean[] {true, false}) {
            for (int batch : new int[] {1, 10, 100, 1000}) {
                Path d = dir.resolve((durable ? "full" : "normal") + batch);
                var b = SqliteStore.builder(d);
                if (!durable) b.unsafeNonDurableForBenchmarks();
                int total = Math.max(batch * 10, batch == 1 ? 300 : 3000);
                List<Event> evs = events(total, NOW - 1_000_000);
                try (SqliteStore s = b.open()) {
                    s.write(events(200, NOW - 2_000_000)); // warm up
                    long t0 = System.nanoTime();
                    for (int i = 0; i < total; i += batch) s.write(evs.subList(i, i + batch));
                    double secs = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("write %-6s batch %4d: %8.0f events/s, %7.2f ms per batch%n",
                            durable ? "FULL" : "NORMAL", batch, total / secs, secs * 1000 / (total / batch));
                }
            }
        }
    }

    @Test
    void queryLatencyOn100kEvents() {
        List<Event> evs = events(100_000, NOW - 200_000);
        try (SqliteStore s = SqliteStore.builder(dir).open()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < evs.size(); i += 1000) s.write(evs.subList(i, i + 1000));
            System.out.printf("loaded 100k events in %.1f s; file %d MiB%n", (System.nanoTime() - t0) / 1e9,
                    dir.resolve("mutual.db").toFile().length() >> 20);
            Set<EventId> ids = new LinkedHashSet<>();
            for (int i = 0; i < 100; i++) ids.add(evs.get(r.nextInt(evs.size())).id());
            Event probe = evs.get(77_777);
            time(s, "tag #t limit 100", () -> List.of(Filter.builder().tag('t', "topic7").limit(100).build()), 100);
            time(s, "tag #e (one event)", () -> List.of(Filter.builder().tag('e', probe.tagsNamed("e").get(0).value().orElseThrow()).build()), 1);
            time(s, "tag #p + kind limit 50", () -> List.of(Filter.builder().kinds(1).tag('p', keys.get(3).publicKey().hex()).limit(50).build()), 50);
            time(s, "author limit 500", () -> List.of(Filter.builder().authors(keys.get(5).publicKey()).limit(500).build()), 500);
            time(s, "author+kind limit 20", () -> List.of(Filter.builder().authors(keys.get(5).publicKey()).kinds(1).limit(20).build()), 20);
            time(s, "100 ids", () -> List.of(Filter.builder().ids(ids).build()), 100);
            time(s, "kind limit 500", () -> List.of(Filter.builder().kinds(1).limit(500).build()), 500);
            time(s, "search 2 words limit 50", () -> List.of(Filter.builder().search("abc de").limit(50).build()), -1);
            long c0 = System.nanoTime();
            long n = s.count(List.of(Filter.builder().tag('t', "topic7").build()), Viewer.anonymous());
            System.out.printf("count #t=topic7: %d in %.2f ms%n", n, (System.nanoTime() - c0) / 1e6);
        }
    }

    static void time(SqliteStore s, String name, Supplier<List<Filter>> filters, int expect) {
        int runs = 50;
        long[] ns = new long[runs];
        int size = 0;
        for (int i = 0; i < 10; i++) s.queryStored(filters.get(), Viewer.anonymous(), 500);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            size = s.queryStored(filters.get(), Viewer.anonymous(), 500).size();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("query %-26s -> %4d events: median %7.2f ms, p90 %7.2f ms%s%n", name, size, ns[runs / 2] / 1e6,
                ns[runs * 9 / 10] / 1e6, expect >= 0 && size != expect ? "  (expected " + expect + ")" : "");
    }
}
