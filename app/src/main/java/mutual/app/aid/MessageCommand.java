package mutual.app.aid;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual message send WHO TEXT [--subject S] [--node URL] [--json]
 * mutual message list [--node URL] [--json]
 * mutual message read [--with WHO] [--node URL] [--json]
 * </pre>
 * Private messages (NIP-17): only the two people can read them; the node stores ciphertext. WHO
 * is an npub or a match (M1 from {@code mutual mine}, or its ref): the other side of it.
 */
@Command(name = "message", mixinStandardHelpOptions = true,
        description = "Private messages (NIP-17, end-to-end encrypted): send, list conversations, read.",
        subcommands = {MessageSendCommand.class, MessageListCommand.class, MessageReadCommand.class})
public final class MessageCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: send, list or read");
    }
}
