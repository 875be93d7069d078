package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mutual.protocol.crypto.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The harness run in-process: scripted, against recorded transcripts, and two harnesses against each other. */
class NegentropyHarnessCommandTest {
    private static final String EE = "ee".repeat(32);

    /** Runs the command with the whole input at once, as a shell pipe would. */
    static CliRun script(String frameSizeLimit, String... lines) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = MutualCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        NegentropyHarnessCommand cmd = cl.getSubcommands().get("negentropy-harness").getCommand();
        cmd.input = new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        cmd.environment = Map.of("FRAMESIZELIMIT", frameSizeLimit);
        int code = cl.execute("negentropy-harness");
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void aServerAnswersAnUnsupportedVersionWithItsOwnAndThenServesVersionOne() {
        // The reference protoversion.pl check.
        CliRun run = script("0", "item,12345," + EE, "seal", "msg,62aabbccddeeff", "msg,6100000200");
        assertEquals("msg,61\nmsg,6100000201" + EE + "\n", run.out());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aClientPrintsItsFirstMessageThenHaveNeedAndDone() {
        String other = "11".repeat(32);
        // Client holds EE; the "server" replied with an IdList holding only `other`.
        CliRun run = script("0", "item,12345," + EE, "seal", "initiate", "msg,6100000201" + other);
        assertEquals("msg,6100000201" + EE + "\nhave," + EE + "\nneed," + other + "\ndone\n", run.out());
    }

    @Test
    void replaysTheRecordedCrossLanguageTranscriptByteForByte() throws IOException {
        String dir = System.getProperty("mutual.vectors", "../shared/vectors");
        Path js = Path.of(dir, "negentropy", "lang1-js-client.txt"), kotlin = Path.of(dir, "negentropy", "lang1-kotlin-server.txt");
        assumeTrue(Files.isRegularFile(js) && Files.isRegularFile(kotlin), "negentropy vectors not found in " + dir);
        List<String> serverInput = stripLog(js), clientInput = stripLog(kotlin);
        String clientFirst = serverInput.getLast(), serverReply = clientInput.getLast();
        // The js side served the kotlin client: our server must write what the client received...
        assertEquals(serverReply + "\n", script("0", serverInput.toArray(String[]::new)).out());
        // ...and our client what the server received, then finish (both hold the same items).
        assertEquals(clientFirst + "\ndone\n", script("0", clientInput.toArray(String[]::new)).out());
    }

    @ParameterizedTest(name = "FRAMESIZELIMIT={0}")
    @ValueSource(strings = {"0", "4096"})
    void twoHarnessesReconcileTwoSetsToTheirTrueDifference(String limit) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        List<String> clientItems = new ArrayList<>(), serverItems = new ArrayList<>();
        Set<String> clientOnly = new HashSet<>(), serverOnly = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            String hex = Hex.encode(id), line = "item," + (1_700_000_000 + rnd.nextInt(1000)) + "," + hex;
            int where = rnd.nextInt(20);
            if (where != 0) clientItems.add(line);
            if (where != 1) serverItems.add(line);
            if (where == 1) clientOnly.add(hex);
            if (where == 0) serverOnly.add(hex);
        }
        try (Peer client = Peer.start(limit); Peer server = Peer.start(limit)) {
            for (String l : clientItems) client.send(l);
            for (String l : serverItems) server.send(l);
            client.send("seal");
            server.send("seal");
            client.send("initiate");
            Set<String> have = new HashSet<>(), need = new HashSet<>();
            int rounds = 0;
            while (true) {
                String line = client.readLine();
                if (line.equals("done")) break;
                if (line.startsWith("have,")) have.add(line.substring(5));
                else if (line.startsWith("need,")) need.add(line.substring(5));
                else {
                    assertTrue(line.startsWith("msg,"), line);
                    if (!limit.equals("0")) assertTrue(line.length() - 4 <= 2 * Integer.parseInt(limit), "client message too long");
                    rounds++;
                    server.send(line);
                    String reply = server.readLine();
                    if (!limit.equals("0")) assertTrue(reply.length() - 4 <= 2 * Integer.parseInt(limit), "server message too long");
                    client.send(reply);
                }
            }
            assertEquals(clientOnly, have);
            assertEquals(serverOnly, need);
            assertTrue(rounds >= 2, "rounds: " + rounds);
            assertEquals(0, client.finish(), client.err());
            assertEquals(0, server.finish(), server.err());
        }
    }

    @Test
    void aMalformedMessageEndsTheRunWithOneLineOnStandardError() {
        CliRun run = script("0", "seal", "msg,6100000205");
        assertEquals(ExitCodes.INVALID, run.exitCode());
        assertEquals("mutual: negentropy-harness: line 2: IdList of 5 ids is longer than the rest of the message\n", run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void badInputLinesAndSettingsAreUsageErrors() {
        assertLineError(script("0", "seal", "item,1," + EE), "line 2: item after seal");
        assertLineError(script("0", "item,x," + EE), "line 1: created_at is not an unsigned 64-bit number: x");
        assertLineError(script("0", "item,1,abc"), "line 1: id is not 64 hex digits: abc");
        assertLineError(script("0", "initiate"), "line 1: seal the records first");
        assertLineError(script("0", "hello"), "line 1: unknown line 'hello' (expected item, seal, initiate or msg)");
        assertLineError(script("0", "seal", "msg,zz"), "line 2: msg is not hex");
        assertLineError(script("100", "seal"), "FRAMESIZELIMIT must be 0 or a number of bytes >= 4096, got '100'");
    }

    private static void assertLineError(CliRun run, String message) {
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out());
        assertEquals("mutual: negentropy-harness: " + message + "\n", run.err());
    }

    /** A reference-harness log line is {@code <ms>,<side>,<line>}; create lines are the log's own. */
    private static List<String> stripLog(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> !l.isBlank())
                .map(l -> l.split(",", 3)[2]).filter(l -> !l.startsWith("create")).toList();
    }

    /** One harness running on its own thread, talking through pipes like a child process. */
    static final class Peer implements AutoCloseable {
        private final PipedOutputStream stdin = new PipedOutputStream();
        private final PrintWriter stdinWriter = new PrintWriter(stdin, true, StandardCharsets.US_ASCII);
        private final BufferedReader stdout;
        private final StringWriter stderr = new StringWriter();
        private final CompletableFuture<Integer> exit;

        private Peer(String limit) throws IOException {
            InputStream in = new PipedInputStream(stdin, 1 << 20);
            PipedReader outReader = new PipedReader(1 << 20);
            PrintWriter out = new PrintWriter(new PipedWriter(outReader), false);
            stdout = new BufferedReader(outReader);
            var cl = MutualCommand.commandLine();
            cl.setOut(out);
            cl.setErr(new PrintWriter(stderr, true));
            NegentropyHarnessCommand cmd = cl.getSubcommands().get("negentropy-harness").getCommand();
            cmd.input = in;
            cmd.environment = Map.of("FRAMESIZELIMIT", limit);
            exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return cl.execute("negentropy-harness");
                } finally {
                    out.close();
                }
            }, r -> new Thread(r, "negentropy-harness").start());
        }

        static Peer start(String limit) throws IOException {
            return new Peer(limit);
        }

        void send(String line) {
            stdinWriter.println(line);
        }

        String readLine() throws IOException {
            String line = stdout.readLine();
            if (line == null) throw new AssertionError("harness ended early: " + stderr);
            return line;
        }

        int finish() throws Exception {
            stdinWriter.close();
            return exit.get(30, TimeUnit.SECONDS);
        }

        String err() {
            return stderr.toString();
        }

        @Override
        public void close() {
            stdinWriter.close();
        }
    }
}
