package mutual.app;

import mutual.app.cli.MutualCommand;
import picocli.CommandLine;

/** Entry point of the {@code mutual} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // One line per record: time, level, source, message. A user's own logging config still wins.
        if (System.getProperty("java.util.logging.config.file") == null)
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return MutualCommand.commandLine().execute(args);
    }
}
