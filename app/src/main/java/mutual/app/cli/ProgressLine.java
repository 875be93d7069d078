package mutual.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one progress display of every long command (bundle import and export, sync): a bar and a
 * percentage computed from the same counts it shows, so the two always agree, then the rate and
 * what the command wants to add, with thousands separators. Drawn four times a second on one
 * line, on a terminal only: nothing when the output goes to a file or a pipe, or with --json or
 * --quiet, so logs and scripts see only the result.
 */
public final class ProgressLine implements AutoCloseable {
    private static final int WIDTH = 24;

    /**
     * @param done   units finished so far
     * @param total  units expected in all; 0 or less while not yet known (then no bar is drawn)
     * @param unit   what is counted ("events")
     * @param detail more counts, already formatted; may be empty
     */
    public record Snapshot(long done, long total, String unit, String detail) {}

    private final PrintWriter err;
    private final Supplier<Snapshot> source;
    private final long started = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    private ProgressLine(PrintWriter err, Supplier<Snapshot> source) {
        this.err = err;
        this.source = source;
        this.thread = Thread.ofPlatform().name("mutual-progress").daemon(true).unstarted(this::loop);
    }

    /** Starts drawing, unless {@code quiet} or standard error is not a terminal; close it when the work ends. */
    public static ProgressLine start(PrintWriter err, boolean quiet, Supplier<Snapshot> source) {
        ProgressLine p = new ProgressLine(err, source);
        if (quiet || System.console() == null) p.running = false;
        else p.thread.start();
        return p;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) return;
            err.print("\r" + line(source.get(), (System.nanoTime() - started) / 1e9) + "\u001b[K");
            err.flush();
        }
    }

    static String line(Snapshot s, double seconds) {
        String rate = seconds > 0 ? String.format(Locale.ROOT, "  %,.0f/s", s.done() / seconds) : "";
        String detail = s.detail().isEmpty() ? "" : "  " + s.detail();
        if (s.total() <= 0) return String.format(Locale.ROOT, "%,d %s%s%s", s.done(), s.unit(), rate, detail);
        double fraction = Math.min(1, (double) s.done() / s.total());
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d %s%s%s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                (int) Math.floor(fraction * 100), s.done(), s.total(), s.unit(), rate, detail);
    }

    /** Stops drawing and clears the line, so the command's result starts on a clean line. */
    @Override
    public void close() {
        if (!thread.isAlive()) return;
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r\u001b[K");
        err.flush();
    }
}
