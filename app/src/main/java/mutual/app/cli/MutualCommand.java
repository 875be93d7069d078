package mutual.app.cli;

import java.util.List;
import java.util.Set;
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
        description = "Mutual: mutual-aid networks on Nostr. Needs meet offers; nobody in the middle owns anyone.")
public final class MutualCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The commands under {@code mutual}, in the order {@code --help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(ServeCommand.class,
            mutual.app.aid.IdCommand.class, mutual.app.aid.PostCommand.class, mutual.app.aid.ListingsCommand.class,
            mutual.app.aid.MatchesCommand.class, mutual.app.aid.MatchCommand.class, mutual.app.aid.CloseCommand.class,
            mutual.app.aid.MessageCommand.class, mutual.app.aid.MineCommand.class,
            mutual.app.aid.CommunityCommand.class, mutual.app.aid.ProposeCommand.class, mutual.app.aid.RespondCommand.class,
            mutual.app.aid.ReportCommand.class, mutual.app.aid.GuideCommand.class,
            KeyCommand.class, EventCommand.class, BundleCommand.class, StoreCommand.class, ConfigCommand.class, mutual.app.bench.BenchCommand.class,
            SyncCommand.class, PeerCommand.class, NegentropyHarnessCommand.class, CliDocsCommand.class, CommandLine.HelpCommand.class);

    /** Commands that read the whole tree: the manual and {@code help}. */
    private static final Set<String> NEED_WHOLE_TREE = Set.of("cli-docs", "help");

    /** The whole CLI with our error handling: user mistakes print a message and an exit code, never a stack trace. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The CLI for these arguments: when they start with the name of a command, only that command's
     * branch is built. Picocli reads every option of every command by reflection when it builds a
     * tree, which took about half a second of a short command's run (such as {@code mutual sync}).
     * Anything else (no command, {@code --help}, a mistyped name) gets the whole tree, so that
     * usage lists every command and a typo is answered with the closest one.
     */
    public static CommandLine commandLine(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) return commandLine(List.of());
        if (args.length > 0 && !NEED_WHOLE_TREE.contains(args[0])) {
            for (Class<?> c : COMMANDS) {
                if (c.getAnnotation(Command.class).name().equals(args[0])) return commandLine(List.of(c));
            }
        }
        return commandLine(COMMANDS);
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cl = new CommandLine(new MutualCommand());
        for (Class<?> c : commands) cl.addSubcommand(c);
        if (cl.getSubcommands().containsKey("serve")) ServeCommand.declareSettings(cl.getSubcommands().get("serve").getCommandSpec());
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
