package mutual.app;

import mutual.app.cli.MutualCommand;
import picocli.CommandLine;

/** Entry point of the {@code mutual} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return MutualCommand.commandLine().execute(args);
    }
}
