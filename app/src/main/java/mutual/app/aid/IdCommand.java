package mutual.app.aid;

import picocli.CommandLine.Command;

/**
 * <pre>
 * mutual id new|show|import|export|relays|move|vanish|migrate [--json]
 * </pre>
 * Your identity: one key pair, kept in $MUTUAL_HOME encrypted with your passphrase (NIP-49).
 */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = "Your identity: a key kept on this device, encrypted with your passphrase (NIP-49).",
        subcommands = {IdNewCommand.class, IdShowCommand.class, IdImportCommand.class, IdExportCommand.class, IdRelaysCommand.class, IdMoveCommand.class, IdVanishCommand.class, IdMigrateCommand.class})
public final class IdCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
