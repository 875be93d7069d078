package mutual.app.cli;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual store copy FROM TO [--data DIR] [--config FILE] [--restart] [--quiet]
 * </pre>
 * Works on a node's store as a whole: for now, copying its events between SQLite (a data folder)
 * and PostgreSQL (a postgresql:// URL), for a node that moves to PostgreSQL or back
 * (docs/node.md, "PostgreSQL").
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"Work on a node's store: copy its events between SQLite (a data folder) and PostgreSQL (postgresql://…)."},
        subcommands = {StoreCopyCommand.class})
public final class StoreCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
