package mutual.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import mutual.protocol.event.EventCheck;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual event verify [FILE]
 * </pre>
 * Reads events as JSON lines (one event per line) from FILE or standard input and prints, for
 * each line, {@code ok} or {@code invalid: <reason>}. Exits 0 when every event is valid, 1
 * otherwise. Events dated more than {@code --max-future} seconds ahead are invalid, as on a node. Lines are checked in parallel on all cores, in batches, and printed in input order.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check events given as JSON lines: prints 'ok' or 'invalid: <reason>' per line.",
                "Exit code 0 when every event is valid, 1 when any is not."})
public final class EventVerifyCommand implements Callable<Integer> {
    private static final int BATCH = 4096;
    /** Bounds a batch's memory too, so a file of long lines cannot exhaust a small heap. */
    private static final long BATCH_BYTES = 16 << 20;

    @picocli.CommandLine.Option(names = "--max-future", paramLabel = "SECONDS", defaultValue = "900",
            description = "Reject events dated more than this many seconds after now (default: ${DEFAULT-VALUE}).")
    long maxFutureSeconds;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "JSON-lines file; standard input when absent or '-'.")
    Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Limits limits = Limits.defaults();
        long now = System.currentTimeMillis() / 1000;
        Json json = Json.create(limits);
        boolean allValid = true;
        // Not closed: it wraps standard output, which outlives this command.
        BufferedWriter out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        try (InputStream in = open()) {
            BoundedLineReader reader = new BoundedLineReader(in, limits.maxMessageBytes());
            List<BoundedLineReader.Line> batch = new ArrayList<>(BATCH);
            String[] verdicts = new String[BATCH];
            BoundedLineReader.Line line;
            do {
                batch.clear();
                long bytes = 0;
                while (batch.size() < BATCH && bytes < BATCH_BYTES && (line = reader.next()) != null) {
                    batch.add(line);
                    bytes += line.bytes().map(b -> b.length).orElse(0);
                }
                int n = batch.size();
                IntStream.range(0, n).parallel().forEach(i -> verdicts[i] = verdict(json, limits, batch.get(i), now, maxFutureSeconds));
                for (int i = 0; i < n; i++) {
                    if (!verdicts[i].equals("ok")) allValid = false;
                    out.write(verdicts[i]);
                    out.write('\n');
                }
            } while (!batch.isEmpty());
            out.flush();
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.IO, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage());
        }
        return allValid ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private InputStream open() throws IOException {
        if (file == null || file.toString().equals("-")) return System.in;
        return Files.newInputStream(file);
    }

    static String verdict(Json json, Limits limits, BoundedLineReader.Line line, long now, long maxFuture) {
        if (line.bytes().isEmpty()) return "invalid: line is longer than " + limits.maxMessageBytes() + " bytes";
        byte[] bytes = line.bytes().get();
        if (isBlank(bytes)) return "invalid: empty line";
        try {
            return EventCheck.problem(EventReader.read(json, bytes), now, maxFuture).map(r -> "invalid: " + r).orElse("ok");
        } catch (DecodeException e) {
            return "invalid: " + e.getMessage();
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) if (x != ' ' && x != '\t') return false;
        return true;
    }
}
