package mutual.app.cli;

import java.util.concurrent.Callable;
import mutual.app.config.NodeSettings;
import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual config docs
 * </pre>
 * Prints the reference of every node setting as Markdown (the source of docs/config.md).
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show the node's settings.",
        subcommands = {ConfigCommand.Docs.class})
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "docs", mixinStandardHelpOptions = true, description = "Print every setting, its default and meaning, as Markdown.")
    static final class Docs implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(NodeSettings.markdown());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
