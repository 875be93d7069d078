package mutual.app;

import mutual.app.cli.MutualCommand;
import picocli.CommandLine;

/** Entry point of the {@code mutual} command. */
public final class Main {
    private Main() {}

    /**
     * The connection pool's and the migrations' routine lines (pool started, schema checked) are
     * left out: the node says in its own words which store it opened. Their warnings and errors
     * still show. Held here, since java.util.logging keeps loggers only weakly.
     */
    private static final java.util.List<java.util.logging.Logger> QUIETER = java.util.List.of(
            java.util.logging.Logger.getLogger("com.zaxxer.hikari"), java.util.logging.Logger.getLogger("org.flywaydb"));

    private static final String JETTY_REFERENCES_PER_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    public static void main(String[] args) {
        // One line per record: time, level, source, message. A user's own logging config still wins.
        if (System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
            QUIETER.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        }
        // Jetty sizes its padding against false sharing by asking the platform MBean server whether
        // references are compressed. Starting that server registers every platform MBean, the
        // diagnostic commands and JFR's views with them: some 400 classes and 5 MiB of an idle node.
        // Compressed references (4 bytes, 16 to a 64-byte cache line) are the JVM's choice below 32 GiB of heap.
        if (System.getProperty(JETTY_REFERENCES_PER_LINE) == null)
            System.setProperty(JETTY_REFERENCES_PER_LINE, Runtime.getRuntime().maxMemory() < (32L << 30) ? "16" : "8");
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return MutualCommand.commandLine(args).execute(args);
    }
}
