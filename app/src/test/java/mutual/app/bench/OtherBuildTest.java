package mutual.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code bench relay --against} takes: a jar by path, or a commit; anything else is refused with a reason. */
class OtherBuildTest {
    @TempDir Path dir;

    @Test
    void aJarIsTakenAsItIsAndRunsWithTheGivenOptions() throws Exception {
        Path jar = Files.createFile(dir.resolve("old-mutual.jar"));
        List<String> said = new ArrayList<>();
        OtherBuild b = OtherBuild.resolve(jar.toString(), said::add);
        assertEquals("old-mutual.jar", b.label());
        assertEquals(jar.toAbsolutePath().toString(), b.classpath());
        List<String> cmd = b.command(List.of("-Xmx64m"), List.of("serve", "--port", "0"));
        assertEquals(List.of("-Xmx64m", "-cp", jar.toAbsolutePath().toString(), "mutual.app.Main", "serve", "--port", "0"), cmd.subList(1, cmd.size()));
        assertTrue(said.isEmpty(), "nothing to build for a jar");
    }

    @Test
    void aMissingJarOrAnUnknownCommitIsRefusedWithAReason() {
        IOException noJar = assertThrows(IOException.class, () -> OtherBuild.resolve(dir.resolve("gone.jar").toString(), m -> {}));
        assertTrue(noJar.getMessage().contains("no jar at"), noJar.getMessage());
        IOException noCommit = assertThrows(IOException.class, () -> OtherBuild.resolve("no-such-commit-anywhere", m -> {}));
        assertTrue(noCommit.getMessage().contains("neither a jar nor a commit"), noCommit.getMessage());
    }

    @Test
    void benchRelayRefusesAnUnknownCommitAsAUsageError() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = mutual.app.Main.run("bench", "relay", "--against", "no-such-commit-anywhere", "--events", "10", "--work-dir", dir.toString());
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code);
        assertTrue(said.toString(java.nio.charset.StandardCharsets.UTF_8).contains("neither a jar nor a commit"), said.toString());
    }
}
