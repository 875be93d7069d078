package mutual.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.engine.bundle.BundleWriter;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventJson;

/**
 * The bundle part of the relay benchmark: the workload's events written as a bundle (oldest
 * first, as an export writes them), then {@code mutual bundle import} run as its own process,
 * with the heap the launcher gives commands, into an empty data folder. Reports the import's
 * own rate (JVM start not counted), the wall time, and its peak resident memory.
 */
record BundleBench(int events, long fileBytes, double perSecond, double wallSeconds, long peakRssBytes) {

    /** Writes the workload as a bundle in {@code dir} (oldest first, as an export writes them); returns the file. */
    static Path write(Path dir, List<Event> workload, BiConsumer<String, Object[]> say) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("workload.bundle");
        List<Event> sorted = new ArrayList<>(workload);
        sorted.sort(Comparator.comparingLong(Event::createdAt).thenComparing(e -> e.id().hex()));
        try (BundleWriter w = BundleWriter.create(file)) {
            for (Event e : sorted) w.add(EventJson.writeBytes(e), e.createdAt());
            w.finish(System.currentTimeMillis() / 1000, Optional.empty(), false);
        }
        say.accept("  bundle of %,d events: %,d bytes", new Object[] {sorted.size(), Files.size(file)});
        return file;
    }

    /** Imports {@code file} ({@link #write}, {@code events} in it) with {@code build}'s {@code mutual bundle import} into the empty folder {@code data}. */
    static BundleBench run(OtherBuild build, Path file, int events, Path data) throws IOException, InterruptedException {
        List<String> cmd = build.command(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseParallelGC"),
                List.of("bundle", "import", file.toString(), "--data", data.toString(), "--json", "--quiet"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES)) p.destroyForcibly();
        double wall = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0) throw new IOException("bundle import (" + build.label() + ") failed (exit " + p.exitValue() + "): " + out);
        return new BundleBench(events, Files.size(file), number(out, "events_per_second"), wall, (long) number(out, "peak_rss_bytes"));
    }

    /** Two runs of the same import: the mean of their rates and times, the larger peak. */
    BundleBench averagedWith(BundleBench other) {
        return new BundleBench(events, fileBytes, (perSecond + other.perSecond) / 2, (wallSeconds + other.wallSeconds) / 2,
                Math.max(peakRssBytes, other.peakRssBytes));
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + field + " in the import's summary: " + json);
        return Double.parseDouble(m.group(1));
    }
}
