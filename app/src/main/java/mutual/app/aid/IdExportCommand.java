package mutual.app.aid;

import java.util.concurrent.Callable;
import mutual.app.cli.ExitCodes;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual id export [--nsec] [--json]
 * </pre>
 * Prints your key to back it up or move it to another device: the encrypted {@code ncryptsec} by
 * default; with {@code --nsec}, unencrypted (after asking the passphrase).
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Print your key for a backup: ncryptsec (encrypted) by default.")
public final class IdExportCommand implements Callable<Integer> {
    @Option(names = "--nsec", description = "Print the unencrypted nsec instead (asks for the passphrase). Anyone who sees it is you.")
    boolean nsec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Keystore ks = Keystore.open();
        String value = nsec ? Nip19.nsec(ks.unlock()) : ks.ncryptsec();
        String name = nsec ? "nsec" : "ncryptsec";
        spec.commandLine().getOut().println(json ? JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField(name, value);
            g.writeEndObject();
        }) : value);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
