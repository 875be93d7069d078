package mutual.protocol.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A nostr-tools script under {@code interop/} run by Node.js as a child process, spoken to in
 * JSON lines. Tests that need it are skipped, with a message, when Node.js or the installed
 * package is missing (a fresh clone before {@code npm ci --prefix interop}).
 */
public final class NodeScript implements AutoCloseable {
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private NodeScript(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** The interop folder, from the {@code mutual.interop} property the build sets. */
    public static Path interopDir() {
        Path dir = Path.of(System.getProperty("mutual.interop", "../interop")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir.resolve("node_modules/nostr-tools")),
                "nostr-tools is not installed in " + dir + " (run: npm ci --prefix interop); skipping interoperability test");
        assumeTrue(nodeAvailable(), "Node.js ('node') is not on the PATH; skipping interoperability test");
        return dir;
    }

    public static NodeScript start(String script, String... args) throws IOException {
        Path dir = interopDir();
        List<String> cmd = new ArrayList<>(List.of("node", dir.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new NodeScript(p);
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends every request on a writer thread while reading replies here, so neither pipe can fill
     * up and stall the other side; replies come back in request order.
     */
    public List<String> exchange(List<String> requests) throws IOException {
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (String r : requests) {
                    in.write(r);
                    in.write('\n');
                }
                in.flush();
            } catch (IOException e) {
                // the reader below sees the process end and fails the test
            }
        });
        List<String> replies = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String line = out.readLine();
            if (line == null) throw new IOException("nostr-tools script ended after " + i + " replies");
            replies.add(line);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return replies;
    }

    /** Reads one line the script printed by itself. */
    public String readLine() throws IOException {
        return out.readLine();
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
