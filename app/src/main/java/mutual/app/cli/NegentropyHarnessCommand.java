package mutual.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.EventId;
import mutual.protocol.negentropy.ClientStep;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyClient;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.NegentropyException;
import mutual.protocol.negentropy.NegentropyServer;
import mutual.protocol.negentropy.VectorStorage;
import picocli.CommandLine.Command;

/**
 * <pre>
 * FRAMESIZELIMIT=0 mutual negentropy-harness &lt; lines
 *
 * input lines                     output lines
 *   item,&lt;created_at&gt;,&lt;id hex&gt;     (adds a record)
 *   seal                            (ends the records)
 *   initiate                        msg,&lt;hex&gt;           this side becomes the client
 *   msg,&lt;hex&gt;                       have,&lt;id hex&gt; ...  need,&lt;id hex&gt; ...  (client only)
 *                                   then msg,&lt;hex&gt; (the reply) or done (client finished)
 * </pre>
 * The line protocol of the negentropy conformance harnesses (hoytech/negentropy test/), so our
 * NIP-77 implementation can be fuzzed against other languages'. {@code FRAMESIZELIMIT} (0: none,
 * else at least 4096) bounds every message this side writes. A side that never receives
 * {@code initiate} is the server. Errors print one line on standard error and exit nonzero.
 */
@Command(name = "negentropy-harness", mixinStandardHelpOptions = true,
        description = {"Line-oriented negentropy (NIP-77) peer on stdin/stdout for cross-implementation tests.",
                "Input: item,<created_at>,<id> ... seal, then initiate (to be the client) and msg,<hex> lines.",
                "Output: have,<id> / need,<id> (client), then msg,<hex> or done. Env FRAMESIZELIMIT bounds messages."})
public final class NegentropyHarnessCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Standard input and the environment, replaceable so tests can run the command in-process. */
    InputStream input = System.in;
    Map<String, String> environment = System.getenv();

    private VectorStorage.Builder items = VectorStorage.builder();
    private Optional<VectorStorage> sealed = Optional.empty();
    private Optional<NegentropyClient> client = Optional.empty();
    private Optional<NegentropyServer> server = Optional.empty();
    private NegentropyConfig config;
    private PrintWriter out;

    @Override
    public Integer call() {
        config = NegentropyConfig.defaults().withFrameSizeLimit(frameSizeLimit());
        out = spec.commandLine().getOut();
        // A line holds at most one hex message, plus its "msg," tag.
        BoundedLineReader reader = new BoundedLineReader(input, 2 * config.limits().maxMessageBytes() + 16);
        long lineNo = 0;
        try {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                lineNo++;
                byte[] bytes = line.bytes().orElseThrow(() -> new IllegalArgumentException("line is too long"));
                String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).strip();
                if (!text.isEmpty()) handle(text);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot read standard input: " + e.getMessage());
        } catch (NegentropyException e) {
            throw new CliException(ExitCodes.INVALID, "negentropy-harness: line " + lineNo + ": " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCodes.USAGE, "negentropy-harness: line " + lineNo + ": " + e.getMessage());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void handle(String line) {
        int comma = line.indexOf(',');
        String verb = comma < 0 ? line : line.substring(0, comma);
        String[] args = comma < 0 ? new String[0] : line.substring(comma + 1).split(",", -1);
        switch (verb) {
            case "item" -> item(args);
            case "seal" -> {
                expectArgs(args, 0, "seal");
                if (sealed.isPresent()) throw new IllegalStateException("seal given twice");
                sealed = Optional.of(items.seal());
                items = null;
            }
            case "initiate" -> {
                expectArgs(args, 0, "initiate");
                if (client.isPresent() || server.isPresent()) throw new IllegalStateException("initiate must come once, before any msg");
                NegentropyClient c = Negentropy.client(storage(), config);
                client = Optional.of(c);
                emit("msg," + Hex.encode(c.initiate()));
            }
            case "msg" -> {
                expectArgs(args, 1, "msg,<hex>");
                byte[] msg = Hex.decodeAny(args[0].toLowerCase(Locale.ROOT))
                        .orElseThrow(() -> new IllegalArgumentException("msg is not hex"));
                message(msg);
            }
            default -> throw new IllegalArgumentException("unknown line '" + abbreviate(line) + "' (expected item, seal, initiate or msg)");
        }
    }

    private void item(String[] args) {
        expectArgs(args, 2, "item,<created_at>,<id hex>");
        if (items == null) throw new IllegalStateException("item after seal");
        long createdAt;
        try {
            createdAt = Long.parseUnsignedLong(args[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("created_at is not an unsigned 64-bit number: " + abbreviate(args[0]));
        }
        EventId id = EventId.fromHex(args[1].toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("id is not 64 hex digits: " + abbreviate(args[1])));
        items.add(createdAt, id);
    }

    private void message(byte[] msg) {
        if (client.isPresent()) {
            NegentropyClient c = client.get();
            if (c.isDone()) throw new IllegalStateException("msg after the client was done");
            ClientStep step = c.reconcile(msg);
            for (EventId id : step.have()) out.println("have," + id.hex());
            for (EventId id : step.need()) out.println("need," + id.hex());
            emit(step.next().map(m -> "msg," + Hex.encode(m)).orElse("done"));
        } else {
            if (server.isEmpty()) server = Optional.of(Negentropy.server(storage(), config));
            emit("msg," + Hex.encode(server.get().reconcile(msg)));
        }
    }

    /** Prints a line and flushes: the other side is waiting for it. */
    private void emit(String line) {
        out.println(line);
        out.flush();
    }

    private VectorStorage storage() {
        return sealed.orElseThrow(() -> new IllegalStateException("seal the records first"));
    }

    private int frameSizeLimit() {
        String v = environment.getOrDefault("FRAMESIZELIMIT", "0").strip();
        try {
            int limit = v.isEmpty() ? 0 : Integer.parseInt(v);
            if (limit != 0 && limit < NegentropyConfig.MIN_FRAME_SIZE_LIMIT) throw new NumberFormatException();
            return limit;
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, "negentropy-harness: FRAMESIZELIMIT must be 0 or a number of bytes >= "
                    + NegentropyConfig.MIN_FRAME_SIZE_LIMIT + ", got '" + abbreviate(v) + "'");
        }
    }

    private static void expectArgs(String[] args, int n, String form) {
        if (args.length != n) throw new IllegalArgumentException("expected '" + form + "'");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
