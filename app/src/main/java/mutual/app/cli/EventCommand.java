package mutual.app.cli;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual event sign --nsec KEY --kind N [--content TEXT] [--tag NAME VALUE...]...
 * mutual event verify [FILE]
 * </pre>
 * Signs and checks Nostr events offline.
 */
@Command(name = "event", mixinStandardHelpOptions = true,
        description = "Sign and verify Nostr events (offline).",
        subcommands = {EventSignCommand.class, EventVerifyCommand.class})
public final class EventCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
