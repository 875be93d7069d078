package mutual.app.bench;

import java.util.Locale;
import java.util.Map;

/** The benchmark's summary: absolute figures, ratios to this machine's raw verify rate, and the strfry reference. */
final class Report {
    VerifyRate raw;
    /** More change than this between the two verify measurements marks the run as noisy. */
    static final double DRIFT_WARNING = 0.10;

    /** Measured again after the last part: a machine that changed speed during the run shows here. */
    VerifyRate rawAtEnd;
    Ingest ingest1, ingest50;
    Queries small, large;
    FanOut fanout;
    BundleBench bundle;
    Memory memIdle = Memory.UNKNOWN, memSmall = Memory.UNKNOWN, memLarge = Memory.UNKNOWN;

    // strfry on this kind of machine with this workload (issue 3).
    // strfry imports 100,000 events of this size in 8.1–8.7 s (mesh issue); its import parses JSON on one thread.
    static final double STRFRY_IMPORT = 100_000 / 8.4;
    static final double STRFRY_INGEST_1 = 2906, STRFRY_INGEST_50 = 5759, STRFRY_REQ_8 = 3044, STRFRY_P99 = 5.4, STRFRY_VERIFY_PER_CORE = 36000;

    String render(int events, int largeSize) {
        StringBuilder sb = new StringBuilder();
        f(sb, "Raw verify: %,.0f/s per core, %,.0f/s all cores (strfry run's machine: %,.0f/s per core)%n",
                raw.perCore(), raw.allCores(), STRFRY_VERIFY_PER_CORE);
        if (rawAtEnd != null) {
            f(sb, "Raw verify after the last part: %,.0f/s per core, %,.0f/s all cores%n", rawAtEnd.perCore(), rawAtEnd.allCores());
            double drift = Math.max(Math.abs(rawAtEnd.perCore() / raw.perCore() - 1), Math.abs(rawAtEnd.allCores() / raw.allCores() - 1));
            if (drift > DRIFT_WARNING)
                f(sb, "WARNING: the machine's speed changed by %.0f%% during the run (other work beside it?); its figures do not compare well with other runs%n",
                        drift * 100);
        }
        double scale = raw.perCore() / STRFRY_VERIFY_PER_CORE;
        f(sb, "Machine speed vs the strfry reference machine: %.2f (strfry targets below are scaled by it)%n%n", scale);
        f(sb, "| measure | Mutual | ÷ raw verify (all cores) | strfry (scaled) | Mutual ÷ strfry |%n|---|---|---|---|---|%n");
        if (ingest1 != null) row(sb, "ingest 8×1 (events/s)", ingest1.rate(), raw.allCores(), STRFRY_INGEST_1 * scale);
        row(sb, "ingest 8×50 (events/s)", ingest50.rate(), raw.allCores(), STRFRY_INGEST_50 * scale);
        if (bundle != null) {
            row(sb, "bundle import (events/s)", bundle.perSecond(), raw.allCores(), STRFRY_IMPORT * scale);
            f(sb, "| bundle import peak resident memory (MB) | %d | | | |%n", bundle.peakRssBytes() >> 20);
        }
        queries(sb, "at " + String.format(Locale.ROOT, "%,d", events), small, raw, scale);
        if (large != null) queries(sb, "at " + String.format(Locale.ROOT, "%,d", largeSize), large, raw, scale);
        if (fanout != null) f(sb, "| fan-out to %,d: deliveries/s | %,.0f | %.2f | | |%n| fan-out latency, one event at a time to all (ms): p50 / p99 | %.1f / %.1f | | | |%n",
                fanout.subscribers(), fanout.deliveriesPerSecond(), fanout.deliveriesPerSecond() / raw.allCores(), fanout.p50Ms(), fanout.p99Ms());
        memory(sb, "idle", memIdle);
        memory(sb, String.format(Locale.ROOT, "at %,d after the load", events), memSmall);
        if (memLarge.rss() > 0) memory(sb, String.format(Locale.ROOT, "at %,d after the load", largeSize), memLarge);
        return sb.toString();
    }

    private static void memory(StringBuilder sb, String when, Memory m) {
        f(sb, "| memory %s (MiB): private (RssAnon + PSS of files) / PSS / RSS | %d / %d / %d | | | |%n", when, m.privateBytes() >> 20, m.pss() >> 20, m.rss() >> 20);
    }

    private static void queries(StringBuilder sb, String label, Queries q, VerifyRate raw, double scale) {
        for (Map.Entry<String, Queries.Result> e : q.results.entrySet()) {
            Queries.Result r = e.getValue();
            boolean eight = e.getKey().endsWith("× 8");
            f(sb, "| REQ %s %s: REQ/s, p50, p99 ms (cores: node, driver) | %,.0f, %.2f, %.2f (%.2f, %.2f) | %.3f | %s | %s |%n", e.getKey(), label,
                    r.reqPerSecond(), r.p50Ms(), r.p99Ms(), r.nodeCores(), r.driverCores(), r.reqPerSecond() / raw.allCores(),
                    // Eight connections keep the node saturated, so its latency is its work per request: as
                    // the REQ rate, strfry's p99 is scaled by the machine's speed (shown beside its own figure).
                    eight ? String.format(Locale.ROOT, "%,.0f, p99 %.1f (%.1f scaled)", STRFRY_REQ_8 * scale, STRFRY_P99, STRFRY_P99 / scale) : "",
                    eight ? String.format(Locale.ROOT, "%.2f× REQ/s, %.2f× p99 (scaled)", r.reqPerSecond() / (STRFRY_REQ_8 * scale),
                            r.p99Ms() / (STRFRY_P99 / scale)) : "");
        }
    }

    private static void row(StringBuilder sb, String name, double v, double raw, double strfry) {
        f(sb, "| %s | %,.0f | %.3f | %,.0f | %.2f× |%n", name, v, v / raw, strfry, v / strfry);
    }

    private static void f(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args));
    }
}
