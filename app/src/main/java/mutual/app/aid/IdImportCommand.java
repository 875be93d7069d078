package mutual.app.aid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import mutual.protocol.nip49.Nip49;
import mutual.protocol.nip49.Nip49Exception;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual id import [KEY|-] [--force] [--json]
 * </pre>
 * Keeps an existing key: an {@code ncryptsec} (stored as it is, after checking the passphrase
 * opens it), an {@code nsec} or 64 hex characters (encrypted with your passphrase). With
 * {@code -} or no argument the key is read from standard input, so it stays out of shell history.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Keep an existing key (ncryptsec, nsec or hex; '-' reads standard input).")
public final class IdImportCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "KEY", description = "ncryptsec1…, nsec1… or hex; '-' or nothing to read standard input")
    String key = "-";

    @Option(names = "--force", description = "Replace the key already stored.")
    boolean force;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String text = key.equals("-") ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : key;
        if (text == null || text.isBlank()) throw new CliException(ExitCodes.USAGE, "no key given");
        text = text.strip();
        Keystore ks = Keystore.open();
        SecretKey secret;
        if (text.startsWith("ncryptsec1")) {
            try {
                secret = Nip49.decrypt(text, Keystore.passphrase(false)).key();
            } catch (Nip49Exception e) {
                throw new CliException(ExitCodes.USAGE, "cannot open that ncryptsec: " + e.getMessage());
            }
            ks.saveEncrypted(text, secret.publicKey(), force);
        } else {
            secret = parse(text);
            ks.save(secret, true, force);
        }
        Out.identity(spec.commandLine().getOut(), secret.publicKey(), ks.secretFile(), json);
        return ExitCodes.OK;
    }

    static SecretKey parse(String t) {
        if (t.startsWith("nsec1")) {
            try {
                if (Nip19.decode(t) instanceof Entity.Nsec n) return n.secretKey();
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.USAGE, "not a valid nsec: " + e.getMessage());
            }
        }
        return SecretKey.fromHex(t).orElseThrow(() -> new CliException(ExitCodes.USAGE, "expected ncryptsec1…, nsec1… or 64 hex characters"));
    }
}
