package mutual.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;
import mutual.engine.bundle.BundleImport.Progress;
import mutual.engine.bundle.Counts;

/**
 * The progress line of a bundle import on standard error: a bar by share of the compressed file
 * read, lines per second and the counts so far. On a terminal it redraws one line four times a
 * second; otherwise (a log) it prints a line every five seconds.
 */
final class ImportProgress implements AutoCloseable {
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final Supplier<Progress> source;
    private final boolean terminal;
    private final Thread thread;
    private volatile boolean running = true;

    private ImportProgress(PrintWriter err, Supplier<Progress> source, boolean terminal) {
        this.err = err;
        this.source = source;
        this.terminal = terminal;
        this.thread = Thread.ofPlatform().name("mutual-progress").daemon(true).unstarted(this::loop);
    }

    static ImportProgress start(PrintWriter err, Supplier<Progress> source) {
        ImportProgress p = new ImportProgress(err, source, System.console() != null);
        p.thread.start();
        return p;
    }

    private void loop() {
        long every = terminal ? 250 : 5000;
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) return;
            Progress p = source.get();
            if (p.fileBytes() == 0) continue;
            if (terminal) err.print("\r" + line(p) + "\u001b[K");
            else err.println(line(p));
            err.flush();
        }
    }

    static String line(Progress p) {
        int filled = (int) Math.round(p.fraction() * WIDTH);
        Counts c = p.counts();
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d/%,d events  %,.0f/s  stored %,d  duplicate %,d  refused %,d  invalid %,d",
                "#".repeat(filled), ".".repeat(WIDTH - filled), p.fraction() * 100, p.linesDone(), p.expectedLines(), p.perSecond(),
                c.stored(), c.duplicate(), c.refused(), c.invalid());
    }

    /** Stops redrawing and ends the progress line. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
