package mutual.app.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What a person sees when the command line itself is wrong: one line naming the mistake (the
 * unknown option or command, with the closest real one), a pointer to {@code --help}, and exit
 * code 2. An unknown word is an error even next to {@code --help}, so a typo never passes for a
 * command that ran.
 */
final class ParseErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionStrategy {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        String name = line.getCommandSpec().qualifiedName();
        String message = unknownOption(line.getCommandSpec(), args).orElse(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-"))
            message = unknownWord(line.getCommandSpec(), u.getUnmatched().get(0));
        line.getErr().println(name + ": " + message);
        line.getErr().println("see: " + name + " --help");
        line.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** Runs the command unless a word was left over: picocli lets those pass when --help is also given. */
    @Override
    public int execute(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * The first {@code --word} on the line that the command does not know, with the closest known
     * option. Picocli would otherwise report a required option as missing (the typo of it), or list
     * the whole usage.
     */
    static java.util.Optional<String> unknownOption(CommandSpec spec, String[] args) {
        for (String a : args) {
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) continue;
            String opt = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (spec.findOption(opt) != null || spec.subcommands().containsKey(opt) || opt.matches("-\\d.*")) continue;
            if (!opt.startsWith("--") && opt.length() > 2) continue; // a negative number or a clustered short option: picocli says
            List<String> known = new ArrayList<>();
            for (var o : spec.options()) known.addAll(List.of(o.names()));
            return java.util.Optional.of("unknown option " + opt + closest(opt, known).map(c -> "; did you mean " + c + "?").orElse(""));
        }
        return java.util.Optional.empty();
    }

    private static String unknownWord(CommandSpec spec, String word) {
        if (spec.subcommands().isEmpty()) return "unexpected '" + word + "'";
        List<String> commands = new ArrayList<>(spec.subcommands().keySet());
        return "unknown command '" + word + "'" + closest(word, commands).map(c -> "; did you mean " + c + "?")
                .orElse("; the commands are " + String.join(", ", commands.stream().filter(c -> !c.equals("help")).toList()));
    }

    /** The candidate fewest edits away, when it is close enough to be the one meant. */
    static java.util.Optional<String> closest(String given, List<String> candidates) {
        record Scored(String name, int edits) {}
        return candidates.stream().map(c -> new Scored(c, Similar.edits(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT))))
                .filter(c -> c.edits() <= Math.max(2, given.length() / 3))
                .min(Comparator.comparingInt(Scored::edits)).map(Scored::name);
    }
}
