package mutual.app.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import mutual.protocol.crypto.SecretKey;

/**
 * The node's own key pair, kept in {@code DATA/node.key} (hex, readable by the owner only). The
 * node signs its notices and is named by it in NIP-11; it is not anyone's identity.
 */
public final class NodeKey {
    public static final String FILE = "node.key";

    private NodeKey() {}

    /** Loads the key from the data folder, creating it on first start. */
    public static SecretKey loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) return read(file);
        SecretKey key = SecretKey.generate();
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // not a POSIX file system
            Files.createFile(tmp);
        }
        Files.writeString(tmp, key.hex() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) { // another process won the race: use its key
            Files.deleteIfExists(tmp);
            return read(file);
        }
        return key;
    }

    private static SecretKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return SecretKey.fromHex(text).orElseThrow(() -> new IOException(file + " does not hold a valid secret key (64 hex characters)"));
    }
}
