package mutual.store.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's cost per event (wall, CPU of the writing thread, bytes read and written by the
 * process) on the relay benchmark's event shape, with the node's cache settings. Runs only with
 * {@code -Dmutual.bench=true}; {@code -Dmutual.profile.events=N}, {@code -Dmutual.profile.batch=N},
 * {@code -Dmutual.profile.cacheMiB=N} (writer cache), {@code -Dmutual.profile.dir=PATH} (keep the database
 * there for a look with {@code dbstat}). Every 50k events it prints that stretch's cost, since the
 * cost per event grows with the size of the indexes (pages a commit dirties).
 */
@EnabledIfSystemProperty(named = "mutual.bench", matches = "true")
class WriterBenchmark {
    @TempDir Path dir;

    static List<Event> workload(int count, int offset) {
        SplittableRandom seeds = new SplittableRandom(42);
        List<SecretKey> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) keys.add(SecretKey.generate(seeds.split()));
        Event[] out = new Event[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            int n = offset + i;
            SplittableRandom r = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
            SecretKey key = keys.get(n % keys.size());
            long at = 1_700_000_000L - (n % 86400) - n / 100;
            if (n % 2 == 0) out[i] = EventBuilder.create(1, at).tag("t", "cat" + r.nextInt(10)).content(text(r, 580)).sign(key);
            else out[i] = EventBuilder.create(30402, at).tag("d", "listing-" + n).tag("title", text(r, 40)).tag("summary", text(r, 80))
                    .tag("published_at", Long.toString(at)).tag("location", "N " + r.nextInt(500)).tag("price", "0", "EUR")
                    .tag("t", "cat" + r.nextInt(10)).tag("g", "u" + Long.toString(r.nextLong(1L << 40), 32)).tag("status", "active")
                    .content(text(r, 292)).sign(key);
        });
        return List.of(out);
    }

    /** A counter of this process from /proc/self/io (Linux), e.g. write_bytes. */
    static long ioBytes(String field) throws java.io.IOException {
        for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/self/io")))
            if (l.startsWith(field + ":")) return Long.parseLong(l.substring(field.length() + 1).strip());
        return -1;
    }

    static String text(SplittableRandom r, int n) {
        String[] words = "bread soup ride bike ladder drill lesson garden tomatoes blanket coat nappies repair paint".split(" ");
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) sb.append(words[r.nextInt(words.length)]).append(' ');
        return sb.substring(0, n);
    }

    @Test
    void perEvent() throws Exception {
        int total = Integer.getInteger("mutual.profile.events", 200_000);
        int batch = Integer.getInteger("mutual.profile.batch", 500);
        List<Event> evs = workload(total, 0);
        Path at = System.getProperty("mutual.profile.dir") != null ? Path.of(System.getProperty("mutual.profile.dir")) : dir;
        try (SqliteStore s = SqliteStore.builder(at).cacheKiB(Integer.getInteger("mutual.profile.cacheMiB", 16) << 10, 8 << 10).mmapBytes(64L << 20).open()) {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime(), tc = t0, wc = ioBytes("write_bytes"), cc = cpu0;
            for (int i = 0; i < total; i += batch) {
                s.write(evs.subList(i, Math.min(total, i + batch)));
                if ((i + batch) % 50_000 == 0) {
                    long now = System.nanoTime();
                    long w = ioBytes("write_bytes"), cpu = mx.getCurrentThreadCpuTime();
                    System.out.printf("PROFILE %s: %,d events: %.1f us/event, cpu %.1f us/event, %.1f KB written/event (last 50k)%n", "writer", i + batch,
                            (now - tc) / 1e3 / 50_000, (cpu - cc) / 1e3 / 50_000, (w - wc) / 1e3 / 50_000);
                    tc = now;
                    wc = w;
                    cc = cpu;
                }
            }
            String io = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/io")).stream().filter(l -> l.startsWith("write_bytes") || l.startsWith("rchar")).toList().toString();
            System.out.printf("PROFILE io %s%n", io);
            try (var st = s.writerConnectionForTests().createStatement(); var r = st.executeQuery("PRAGMA page_size")) {
                r.next();
                System.out.printf("PROFILE file %,d bytes, page_size %d%n", java.nio.file.Files.size(s.file()), r.getInt(1));
            }
            System.out.printf("PROFILE %s: total %.1f us/event, cpu %.1f us/event%n", "writer", (System.nanoTime() - t0) / 1e3 / total,
                    (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / total);
        }
    }
}
