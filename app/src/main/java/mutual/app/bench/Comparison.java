package mutual.app.bench;

import java.util.Locale;
import java.util.Map;

/**
 * Two reports of one {@code bench relay --against} or {@code --against-store} run side by side:
 * each figure of both and their ratio (the first ÷ the second). Rates are better above 1, latencies and memory below.
 */
final class Comparison {
    private Comparison() {}

    static String render(String aName, Report a, String bName, Report b, int events, int largeSize) {
        StringBuilder sb = new StringBuilder();
        f(sb, "| measure | %s | %s | ratio | better when |%n|---|---|---|---|---|%n", aName, bName);
        if (a.ingest1 != null && b.ingest1 != null) row(sb, "ingest 8×1 (events/s)", a.ingest1.rate(), b.ingest1.rate(), true);
        row(sb, "ingest 8×50 (events/s)", a.ingest50.rate(), b.ingest50.rate(), true);
        if (a.bundle != null && b.bundle != null) {
            row(sb, "bundle import (events/s)", a.bundle.perSecond(), b.bundle.perSecond(), true);
            row(sb, "bundle import peak RSS (MiB)", a.bundle.peakRssBytes() >> 20, b.bundle.peakRssBytes() >> 20, false);
        }
        queries(sb, String.format(Locale.ROOT, "at %,d", events), a.small, b.small);
        if (a.large != null && b.large != null) queries(sb, String.format(Locale.ROOT, "at %,d", largeSize), a.large, b.large);
        if (a.fanout != null && b.fanout != null) {
            row(sb, "fan-out deliveries/s", a.fanout.deliveriesPerSecond(), b.fanout.deliveriesPerSecond(), true);
            row(sb, "fan-out p99 (ms)", a.fanout.p99Ms(), b.fanout.p99Ms(), false);
        }
        memory(sb, "memory idle, private (MiB)", a.memIdle, b.memIdle);
        memory(sb, String.format(Locale.ROOT, "memory at %,d after the load, private (MiB)", events), a.memSmall, b.memSmall);
        memory(sb, String.format(Locale.ROOT, "memory at %,d after the load, private (MiB)", largeSize), a.memLarge, b.memLarge);
        return sb.toString();
    }

    private static void queries(StringBuilder sb, String label, Queries a, Queries b) {
        for (Map.Entry<String, Queries.Result> e : a.results.entrySet()) {
            Queries.Result x = e.getValue(), y = b.results.get(e.getKey());
            if (y == null) continue;
            row(sb, "REQ " + e.getKey() + " " + label + ": REQ/s", x.reqPerSecond(), y.reqPerSecond(), true);
            row(sb, "REQ " + e.getKey() + " " + label + ": p50 (ms)", x.p50Ms(), y.p50Ms(), false);
            row(sb, "REQ " + e.getKey() + " " + label + ": p99 (ms)", x.p99Ms(), y.p99Ms(), false);
        }
    }

    private static void memory(StringBuilder sb, String name, Memory a, Memory b) {
        if (a.privateBytes() > 0 && b.privateBytes() > 0) row(sb, name, a.privateBytes() / 1048576.0, b.privateBytes() / 1048576.0, false);
    }

    private static void row(StringBuilder sb, String name, double a, double b, boolean higherIsBetter) {
        f(sb, "| %s | %s | %s | %.2f× | %s |%n", name, number(a), number(b), a / b, higherIsBetter ? "above 1" : "below 1");
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static void f(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args));
    }
}
