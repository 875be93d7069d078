package mutual.protocol.interop;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mutual.protocol.TestJson;

/**
 * One long-running {@code node interop/oracle.mjs} process that answers questions with nostr-tools,
 * the reference Nostr client, over JSON lines. {@link #unavailable()} says why it cannot run
 * (node or the npm packages missing) so tests can skip with that message.
 */
final class NostrTools implements AutoCloseable {
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private NostrTools(Process process) {
        this.process = process;
        // Requests are ASCII apart from raw non-BMP characters and U+2028/2029, so UTF-8 both ways.
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Why the oracle cannot run here (no node, or nostr-tools not installed), or empty when it can. */
    static Optional<String> unavailable() {
        if (interopDir().isEmpty())
            return Optional.of("nostr-tools is not installed in " + candidates().getFirst()
                    + "; run `npm ci --prefix interop` to enable the nostr-tools interop tests");
        if (!nodeRuns()) return Optional.of("`node` is not on the PATH; the nostr-tools interop tests need Node.js 20 or later");
        return Optional.empty();
    }

    /** Starts the oracle; call only when {@link #unavailable()} is empty. */
    static NostrTools start() {
        Path dir = interopDir().orElseThrow(() -> new IllegalStateException("nostr-tools is not installed"));
        ProcessBuilder pb = new ProcessBuilder("node", "oracle.mjs").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            return new NostrTools(pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start node in " + dir, e);
        }
    }

    /** The interop folder from {@code -Dmutual.interop} (the parent pom sets it), else {@code ../interop}. */
    private static List<Path> candidates() {
        return List.of(System.getProperty("mutual.interop", "../interop"), "../interop").stream()
                .map(c -> Path.of(c).toAbsolutePath().normalize()).distinct().toList();
    }

    private static Optional<Path> interopDir() {
        return candidates().stream()
                .filter(p -> Files.isDirectory(p.resolve("node_modules/nostr-tools")) && Files.isRegularFile(p.resolve("oracle.mjs")))
                .findFirst();
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends one request line (a JSON object) and returns the parsed reply; a reply with an error fails the test. */
    Map<String, Object> ask(String requestJson) {
        if (requestJson.indexOf('\n') >= 0) throw new IllegalArgumentException("a request must be one line");
        String line;
        try {
            in.write(requestJson);
            in.write('\n');
            in.flush();
            line = out.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("lost the connection to node", e);
        }
        if (line == null) throw new IllegalStateException("node exited; see its stderr above");
        Map<String, Object> reply = TestJson.map(TestJson.parse(line));
        if (reply.containsKey("error")) throw new AssertionError("nostr-tools refused " + requestJson + ": " + reply.get("error"));
        return reply;
    }

    @Override
    public void close() {
        try {
            in.close(); // end of input lets the script finish on its own
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroy();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
