package mutual.app.aid;

import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.SecretKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual id new [--force] [--json]
 * </pre>
 * Makes a new key, encrypts it with your passphrase and keeps it in $MUTUAL_HOME.
 */
@Command(name = "new", mixinStandardHelpOptions = true, description = "Make a new identity and keep it, encrypted, in $MUTUAL_HOME.")
public final class IdNewCommand implements Callable<Integer> {
    @Option(names = "--force", description = "Replace the key already stored (it is lost unless you exported it).")
    boolean force;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SecretKey key = SecretKey.generate();
        Keystore ks = Keystore.open();
        ks.save(key, false, force);
        Out.identity(spec.commandLine().getOut(), key.publicKey(), ks.secretFile(), json);
        return ExitCodes.OK;
    }
}
