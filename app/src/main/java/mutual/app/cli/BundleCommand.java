package mutual.app.cli;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual bundle export [--data DIR] [--filter JSON] [--gift-wraps] [--json] -o FILE
 * mutual bundle import FILE [--data DIR] [--restart] [--json] [--quiet]
 * </pre>
 * Carries events by hand: a compressed file of signed events, written from one node's data
 * folder and taken into another's through the same checks as any event (docs/node.md, "Bundles").
 * Both work on the folder directly, whether or not a node is running on it.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Carry events by hand: write a node's events to a file, take a file into a node.",
                "Both work on a node's data folder (--data) whether or not the node is running."},
        subcommands = {BundleExportCommand.class, BundleImportCommand.class})
public final class BundleCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
