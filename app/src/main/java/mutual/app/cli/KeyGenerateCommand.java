package mutual.app.cli;

import java.util.concurrent.Callable;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.json.JsonOut;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual key generate [--json]
 * </pre>
 * Prints a new key pair as {@code npub} and {@code nsec} (NIP-19). The secret is printed once and
 * kept nowhere: store it yourself.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Make a new key pair and print its npub and nsec.", "The nsec is your identity: keep it secret, keep it safe."})
public final class KeyGenerateCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON: {\"npub\",\"nsec\",\"pubkey\"} (pubkey in hex).")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        SecretKey secret = SecretKey.generate();
        PubKey pub = secret.publicKey();
        String npub = Nip19.encode(new Entity.Npub(pub));
        String nsec = Nip19.encode(new Entity.Nsec(secret));
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("npub", npub);
                g.writeStringField("nsec", nsec);
                g.writeStringField("pubkey", pub.hex());
                g.writeEndObject();
            }));
        } else {
            out.println("npub " + npub);
            out.println("nsec " + nsec);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
