package mutual.app.cli;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual key generate [--json]
 * </pre>
 * Key pairs: a person's identity is a key pair on their own device; no server issues it.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Make and inspect key pairs.",
        subcommands = {KeyGenerateCommand.class})
public final class KeyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
