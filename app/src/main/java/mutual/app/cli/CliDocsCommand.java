package mutual.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * <pre>
 * mutual cli-docs
 * </pre>
 * Prints every command with its arguments and options as Markdown, from the commands themselves
 * (the source of docs/cli.md, which a test keeps up to date), so the documentation cannot leave
 * out an option that exists.
 */
@Command(name = "cli-docs", hidden = true, description = "Print every command and option as Markdown (docs/cli.md).")
public final class CliDocsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(markdown(spec.root()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    static String markdown(CommandSpec root) {
        StringBuilder md = new StringBuilder("# Commands\n\n")
                .append("Generated from the commands by `./mutual cli-docs > docs/cli.md`; do not edit by hand. Every command also\n")
                .append("answers `--help`. Exit codes: 0 done, 1 refused or invalid, 2 wrong usage, 3 a file or the node could not be\n")
                .append("reached, 70 a bug in Mutual. Node settings (`serve`'s flags) are in [config.md](config.md).\n");
        for (CommandLine sub : root.subcommands().values()) command(md, sub.getCommandSpec());
        return md.toString();
    }

    private static void command(StringBuilder md, CommandSpec c) {
        if (c.usageMessage().hidden() || c.name().equals("help")) return;
        md.append("\n## `").append(c.qualifiedName()).append("`\n\n").append(String.join(" ", c.usageMessage().description())).append("\n");
        List<PositionalParamSpec> params = c.positionalParameters();
        List<OptionSpec> options = c.options().stream()
                .filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp() && !c.qualifiedName().equals("mutual serve")
                        || (c.qualifiedName().equals("mutual serve") && List.of("--config", "--peer").contains(o.longestName()))).toList();
        if (!params.isEmpty() || !options.isEmpty()) md.append("\n| argument or option | meaning |\n|---|---|\n");
        for (PositionalParamSpec p : params) md.append("| `").append(p.paramLabel()).append("` | ").append(cell(p.description())).append(" |\n");
        for (OptionSpec o : options) {
            String label = o.typeInfo().isBoolean() ? "" : " " + o.paramLabel();
            md.append("| `").append(String.join("`, `", o.names())).append(label).append("` | ").append(cell(o.description())).append(" |\n");
        }
        if (c.qualifiedName().equals("mutual serve")) md.append("\nand every node setting as `--NAME VALUE`: see [config.md](config.md).\n");
        for (CommandLine sub : c.subcommands().values()) command(md, sub.getCommandSpec());
    }

    private static String cell(String[] description) {
        return String.join(" ", description).replace("|", "\\|");
    }
}
