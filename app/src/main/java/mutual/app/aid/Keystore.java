package mutual.app.aid;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.nip19.Nip19;
import mutual.protocol.nip49.KeySecurity;
import mutual.protocol.nip49.Nip49;
import mutual.protocol.nip49.Nip49Exception;

/**
 * The person's key on their own device: {@code key.ncryptsec} (NIP-49, encrypted with their
 * passphrase) and {@code key.npub} (public, so showing who you are needs no passphrase) in
 * $MUTUAL_HOME. The passphrase comes from $MUTUAL_PASSPHRASE or a prompt.
 */
final class Keystore {
    static final String SECRET_FILE = "key.ncryptsec", PUBLIC_FILE = "key.npub";

    private final Path home;

    private Keystore(Path home) {
        this.home = home;
    }

    static Keystore open() {
        return new Keystore(CliEnv.home());
    }

    Path secretFile() {
        return home.resolve(SECRET_FILE);
    }

    boolean exists() {
        return Files.exists(secretFile());
    }

    PubKey publicKey() {
        try {
            return Nip19.parsePubKey(Files.readString(home.resolve(PUBLIC_FILE)).strip())
                    .orElseThrow(() -> new CliException(ExitCodes.IO, home.resolve(PUBLIC_FILE) + " does not hold an npub"));
        } catch (IOException e) {
            throw noKey();
        }
    }

    String ncryptsec() {
        try {
            return Files.readString(secretFile()).strip();
        } catch (IOException e) {
            throw noKey();
        }
    }

    /** Decrypts the key with the passphrase. */
    SecretKey unlock() {
        String enc = ncryptsec();
        try {
            return Nip49.decrypt(enc, passphrase(false)).key();
        } catch (Nip49Exception e) {
            throw new CliException(ExitCodes.USAGE, "cannot unlock the key: " + e.getMessage());
        }
    }

    /** Encrypts and writes the key; refuses to overwrite one unless told to. {@code pasted}: it was handled in the clear. */
    void save(SecretKey key, boolean pasted, boolean replace) {
        if (exists() && !replace) saveEncrypted("", key.publicKey(), false);
        KeySecurity security = pasted ? KeySecurity.KNOWN_INSECURE : KeySecurity.NOT_KNOWN_INSECURE;
        saveEncrypted(Nip49.encrypt(key, passphrase(true), logN(), security, new SecureRandom()), key.publicKey(), replace);
    }

    /** scrypt cost for new keys: NIP-49's default, lowered only by tests through the mutual.scrypt.logn property. */
    private static int logN() {
        return Integer.getInteger("mutual.scrypt.logn", Nip49.DEFAULT_LOG_N);
    }

    void saveEncrypted(String ncryptsec, PubKey pub, boolean replace) {
        if (exists() && !replace) throw new CliException(ExitCodes.USAGE, "a key is already stored in " + home + "; pass --force to replace it (back it up first with: mutual id export)");
        try {
            Files.createDirectories(home);
            write(secretFile(), ncryptsec + "\n", true);
            write(home.resolve(PUBLIC_FILE), Nip19.npub(pub) + "\n", false);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot write the key to " + home + ": " + e.getMessage());
        }
    }

    private static void write(Path f, String text, boolean secret) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, text);
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The shortest passphrase a new key may have: scrypt slows guessing, but not enough for a word of a few letters. */
    static final int MIN_NEW_PASSPHRASE = 8;

    /** $MUTUAL_PASSPHRASE, else a prompt on the terminal (twice for a new one, which must be long enough). */
    static String passphrase(boolean confirm) {
        String p = read(confirm);
        if (confirm && p.codePointCount(0, p.length()) < MIN_NEW_PASSPHRASE)
            throw new CliException(ExitCodes.USAGE, "the passphrase has " + p.codePointCount(0, p.length()) + " characters; use at least "
                    + MIN_NEW_PASSPHRASE + " (a few words are easy to remember and hard to guess)");
        return p;
    }

    private static String read(boolean confirm) {
        Optional<String> env = CliEnv.get("mutual.passphrase", "MUTUAL_PASSPHRASE");
        if (env.isPresent()) return env.get();
        Console c = System.console();
        if (c == null) throw new CliException(ExitCodes.USAGE, "no terminal to ask for the passphrase; set MUTUAL_PASSPHRASE");
        char[] p = c.readPassword("Passphrase: ");
        if (p == null || p.length == 0) throw new CliException(ExitCodes.USAGE, "an empty passphrase would not protect the key");
        if (confirm && !new String(p).equals(new String(c.readPassword("Again: ")))) throw new CliException(ExitCodes.USAGE, "the two passphrases differ");
        return new String(p);
    }

    private CliException noKey() {
        return new CliException(ExitCodes.USAGE, "no key in " + home + "; make one with: mutual id new (or mutual id import)");
    }
}
