package mutual.app.aid;

import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual id show [--json]
 * </pre>
 * Prints your public identity (npub and hex); needs no passphrase.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print your public identity (npub) and the relay lists this device last saw; no passphrase needed.")
public final class IdShowCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Keystore ks = Keystore.open();
        Out.identity(spec.commandLine().getOut(), ks.publicKey(), ks.secretFile(), RelayLists.remembered(ks.publicKey()), json);
        return ExitCodes.OK;
    }
}
