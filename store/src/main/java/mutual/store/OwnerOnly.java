package mutual.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files a node keeps (its database, its key, the files it writes beside them) are readable by
 * their owner only: the data folder holds what people wrote, including messages meant for one
 * reader, and the node's key. Where the file system has no POSIX permissions nothing is changed.
 */
public final class OwnerOnly {
    private OwnerOnly() {}

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Creates {@code dir} (and its parents) if missing, and makes it 0700. */
    public static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    /** Makes {@code file} 0600 if it exists, or creates it empty with 0600. */
    public static Path file(Path file) throws IOException {
        if (!POSIX) return file;
        var mode = PosixFilePermissions.fromString("rw-------");
        if (Files.exists(file)) Files.setPosixFilePermissions(file, mode);
        else Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
        return file;
    }

    /** Makes {@code file} 0600 if it exists. */
    public static void ifExists(Path file) throws IOException {
        if (POSIX && Files.exists(file)) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
