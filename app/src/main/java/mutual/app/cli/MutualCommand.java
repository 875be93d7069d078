package mutual.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual [--help] [--version] COMMAND
 * </pre>
 * The top of the command tree. Each subcommand lives in its own class that opens with its usage.
 */
@Command(name = "mutual",
        mixinStandardHelpOptions = true,
        versionProvider = MutualCommand.Version.class,
        description = "Mutual: mutual-aid networks on Nostr. Needs meet offers; nobody in the middle owns anyone.",
        subcommands = {ServeCommand.class,
                mutual.app.aid.IdCommand.class, mutual.app.aid.PostCommand.class, mutual.app.aid.ListingsCommand.class,
                mutual.app.aid.MatchesCommand.class, mutual.app.aid.MatchCommand.class, mutual.app.aid.CloseCommand.class,
                mutual.app.aid.MessageCommand.class, mutual.app.aid.MineCommand.class,
                mutual.app.aid.CommunityCommand.class, mutual.app.aid.ProposeCommand.class, mutual.app.aid.RespondCommand.class, mutual.app.aid.ReportCommand.class, mutual.app.aid.GuideCommand.class,
                KeyCommand.class, EventCommand.class, BundleCommand.class, StoreCommand.class, ConfigCommand.class, mutual.app.bench.BenchCommand.class,
                SyncCommand.class, PeerCommand.class, NegentropyHarnessCommand.class, CliDocsCommand.class, CommandLine.HelpCommand.class})
public final class MutualCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The CLI with our error handling: user mistakes print a message and an exit code, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MutualCommand());
        ServeCommand.declareSettings(cl.getSubcommands().get("serve").getCommandSpec());
        ParseErrors parseErrors = new ParseErrors();
        cl.setParameterExceptionHandler(parseErrors);
        cl.setExecutionStrategy(parseErrors);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof CliException ce) {
                line.getErr().println("mutual: " + ce.getMessage());
                return ce.exitCode();
            }
            line.getErr().println("mutual: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    /** Reports the version Maven wrote into the jar, and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mutual " + mutual.app.node.Version.current(), "Java " + Runtime.version()};
        }
    }
}
