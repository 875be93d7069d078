package mutual.app.bench;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual bench relay|sync|mesh|hostile|web [options]
 * </pre>
 * Benchmarks that run against real nodes. JMH kernels live in the bench module.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a node under load.",
        subcommands = {BenchRelayCommand.class, BenchSyncCommand.class, BenchMeshCommand.class, BenchHostileCommand.class, BenchWebCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
