package mutual.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A process's memory as /proc tells it apart (Linux): resident set (RSS, which counts the page
 * cache of the database file the process maps or reads, so it overstates), anonymous resident
 * memory (RssAnon: the heap, stacks and native allocations, truly the process's own) and its
 * proportional share of mapped files (Pss_File). Private memory is RssAnon + Pss_File, the figure
 * benchmarks compare; PSS (every page divided among the processes that map it) is given beside
 * it. Fields are -1 where /proc cannot tell.
 */
record Memory(long rss, long rssAnon, long pssFile, long pss) {
    static final Memory UNKNOWN = new Memory(-1, -1, -1, -1);

    static Memory of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            List<String> status = Files.readAllLines(proc.resolve("status"));
            List<String> rollup = Files.readAllLines(proc.resolve("smaps_rollup"));
            return new Memory(kib(status, "VmRSS:"), kib(status, "RssAnon:"), kib(rollup, "Pss_File:"), kib(rollup, "Pss:"));
        } catch (IOException | NumberFormatException e) {
            return UNKNOWN;
        }
    }

    long privateBytes() {
        return rssAnon < 0 || pssFile < 0 ? -1 : rssAnon + pssFile;
    }

    /** "RSS 292, PSS 185, private 180 (anonymous 171 + files 9) MiB". */
    String describe() {
        if (rss < 0) return "unknown (no /proc)";
        return String.format(Locale.ROOT, "RSS %d, PSS %d, private %d (anonymous %d + files %d) MiB", rss >> 20, pss >> 20, privateBytes() >> 20,
                rssAnon >> 20, pssFile >> 20);
    }

    private static long kib(List<String> lines, String key) {
        for (String l : lines) if (l.startsWith(key)) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
        throw new NumberFormatException("no " + key);
    }
}
