package mutual.app.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The bundle part of the relay benchmark on its own. Runs only with {@code -Dmutual.bench=true}; prints its figures. */
@EnabledIfSystemProperty(named = "mutual.bench", matches = "true")
class BundleBenchRun {
    @TempDir Path dir;

    @Test
    void importOfTheRelayWorkload() throws Exception {
        int n = Integer.getInteger("mutual.bench.events", 100_000);
        Workload w = Workload.generate(42, 1000, n, 0, System.currentTimeMillis() / 1000 - 60);
        System.out.printf(Locale.ROOT, "average event %.0f bytes%n", w.averageBytes());
        VerifyRate raw = VerifyRate.measure(w.events, java.time.Duration.ofSeconds(3));
        System.out.printf(Locale.ROOT, "raw verify %,.0f/s per core, %,.0f/s all cores%n", raw.perCore(), raw.allCores());
        for (int i = 0; i < Integer.getInteger("mutual.bench.rounds", 1); i++) {
            Path base = System.getProperty("mutual.bench.dir") != null ? Path.of(System.getProperty("mutual.bench.dir")) : dir;
            Path file = BundleBench.write(base.resolve("run" + i), w.events, (f, a) -> System.out.printf(Locale.ROOT, f + "%n", a));
            BundleBench b = BundleBench.run(OtherBuild.THIS, file, n, base.resolve("run" + i).resolve("data"));
            System.out.printf(Locale.ROOT, "bundle import: %,.0f events/s (wall %.1f s with JVM start), peak RSS %,d MB, %.3f of raw all-core verify%n",
                    b.perSecond(), b.wallSeconds(), b.peakRssBytes() >> 20, b.perSecond() / raw.allCores());
        }
    }
}
