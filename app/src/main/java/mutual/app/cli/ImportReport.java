package mutual.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import mutual.engine.bundle.BundleImport.Summary;
import mutual.engine.bundle.Counts;
import mutual.engine.bundle.Manifest;
import mutual.protocol.json.JsonOut;

/** The summary a bundle import prints: for people, or as one JSON object with {@code --json}. */
final class ImportReport {
    private ImportReport() {}

    /** {@code into}: the data folder, or the PostgreSQL database without its password. */
    static String text(Summary s, String into) {
        Counts c = s.counts();
        Manifest m = s.manifest();
        StringBuilder sb = new StringBuilder();
        f(sb, "Imported %s into %s in %.1f s (%,.0f events/s)", s.file(), into, s.elapsed().toNanos() / 1e9, s.perSecond());
        if (s.resumedAfter() > 0) f(sb, ", continuing after event %,d where an earlier run stopped", s.resumedAfter());
        f(sb, ".%n  stored     %,12d%n  duplicate  %,12d%n  refused    %,12d%n  invalid    %,12d%n", c.stored(), c.duplicate(), c.refused(), c.invalid());
        if (c.failed() > 0) f(sb, "  failed     %,12d  (the store could not take them; run the import again)%n", c.failed());
        for (Map.Entry<String, Long> r : c.reasons().entrySet()) f(sb, "    %,8d  %s%n", r.getValue(), r.getKey());
        if (!c.examples().isEmpty())
            f(sb, "  invalid events are at event lines %s (line 1 is the first event after the manifest)%n",
                    c.examples().stream().map(e -> Long.toString(e.line())).collect(Collectors.joining(", ")));
        if (s.stopped()) {
            f(sb, "Stopped after event %,d of %,d. Run the same command again to continue from there.", s.linesRead(), m.count());
        } else if (s.damage().isEmpty()) {
            f(sb, "The file is whole: %,d events, as its manifest says, and its checksum matches.", m.count());
        } else {
            f(sb, "The file is not whole: %s.%n", s.damage().get());
            f(sb, "Every event taken was checked on its own (id and signature), so a damaged file cannot bring in forged events.");
            if (s.linesRead() < m.count()) f(sb, "%nWith a whole copy, the same command takes the rest, continuing from here.");
        }
        return sb.toString();
    }

    static String json(Summary s, Path data, String store) {
        Counts c = s.counts();
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("file", s.file().toString());
            g.writeStringField("data", data.toString());
            g.writeStringField("store", store);
            g.writeBooleanField("whole", s.complete());
            g.writeBooleanField("stopped", s.stopped());
            if (s.damage().isPresent()) g.writeStringField("damage", s.damage().get());
            else g.writeNullField("damage");
            g.writeNumberField("lines_read", s.linesRead());
            g.writeNumberField("resumed_after", s.resumedAfter());
            g.writeNumberField("stored", c.stored());
            g.writeNumberField("duplicate", c.duplicate());
            g.writeNumberField("refused", c.refused());
            g.writeNumberField("invalid", c.invalid());
            g.writeNumberField("failed", c.failed());
            g.writeObjectFieldStart("reasons");
            for (var e : c.reasons().entrySet()) g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeArrayFieldStart("invalid_lines");
            for (var e : c.examples()) {
                g.writeStartObject();
                g.writeNumberField("line", e.line());
                g.writeStringField("reason", e.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("seconds", Math.round(s.elapsed().toNanos() / 1e6) / 1e3);
            g.writeNumberField("events_per_second", Math.round(s.perSecond()));
            g.writeNumberField("peak_rss_bytes", peakResidentBytes());
            g.writeFieldName("manifest");
            g.writeRawValue(new String(s.manifest().toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8));
            g.writeEndObject();
        });
    }

    /** This process's peak resident memory (VmHWM, Linux); -1 where it cannot be read. */
    static long peakResidentBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return -1;
        }
        return -1;
    }

    private static void f(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args));
    }
}
