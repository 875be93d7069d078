package mutual.protocol;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the official test vectors in {@code ../shared/vectors}. CI always has them; a fresh
 * clone may not, and then the tests that need them are skipped with a message saying where they looked.
 */
public final class Vectors {
    private Vectors() {}

    public static Path dir() {
        String configured = System.getProperty("mutual.vectors", "../shared/vectors");
        Path p = Path.of(configured).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(p), "official test vectors not found at " + p + "; skipping (CI provides them)");
        return p;
    }

    public static Path file(String name) {
        Path p = dir().resolve(name);
        assumeTrue(Files.isRegularFile(p), "test vector file " + p + " is missing; skipping");
        return p;
    }

    public static String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
