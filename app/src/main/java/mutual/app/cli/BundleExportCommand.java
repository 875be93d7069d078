package mutual.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import mutual.engine.bundle.BundleExport;
import mutual.engine.bundle.Manifest;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterJson;
import mutual.protocol.json.DecodeException;
import mutual.protocol.json.Json;
import mutual.protocol.json.JsonOut;
import mutual.protocol.json.Limits;
import mutual.store.EventStore;
import mutual.store.StoreException;
import mutual.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual bundle export [--data DIR] [--config FILE] [--store URL] [--filter JSON] [--gift-wraps] [--json] -o FILE
 * </pre>
 * Writes the events of a node's store (all, or those a NIP-01 filter matches) to a bundle:
 * gzip-compressed JSON lines after a manifest with count, time range, filter and SHA-256. Reads
 * the database directly, so it works whether or not the node is running.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a node's events to a bundle file (gzip JSON lines with a manifest).",
                "Gift wraps (private messages) are left out unless --gift-wraps is given."})
public final class BundleExportCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The bundle file to write (replaced if it exists).")
    Path output;

    @picocli.CommandLine.Mixin
    StoreFolderOptions folderOptions;

    @Option(names = "--filter", paramLabel = "JSON", description = "A NIP-01 filter, e.g. '{\"kinds\":[30402],\"since\":1700000000}'. "
            + "With \"limit\", the newest that many.")
    String filter;

    @Option(names = "--gift-wraps", description = "Include gift wraps (kind 1059). They are encrypted, but show who receives messages when.")
    boolean giftWraps;

    @Option(names = "--json", description = "Print the manifest and file size as JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DataFolder folder = folderOptions.resolve();
        if (folder.postgres().isEmpty() && !folder.hasDatabase())
            throw new CliException(ExitCodes.IO, "no node data in " + folder.dir() + " (no " + SqliteStore.FILE_NAME + "); give the node's folder with --data");
        Optional<Filter> f = Optional.ofNullable(filter).map(BundleExportCommand::parseFilter);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new CliException(ExitCodes.IO, "no such folder: " + parent);
        BundleExport.Result r;
        try (EventStore store = folder.openStore(dir -> SqliteStore.builder(dir).readers(1).open())) {
            AtomicLong visited = new AtomicLong();
            // Against every stored event when the whole store is scanned; a limited filter reads at most its limit.
            long total = f.flatMap(x -> x.limit().isPresent() ? Optional.of((long) x.limit().getAsInt()) : Optional.empty()).orElse(store.size());
            try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), json, () -> new ProgressLine.Snapshot(visited.get(), total, "events read", ""))) {
                r = BundleExport.write(store, new BundleExport.Selection(f, giftWraps), output, InstantSource.system(), visited);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--filter: " + e.getMessage());
        } catch (UncheckedIOException | StoreException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(r) : describe(r));
        out.flush();
        return ExitCodes.OK;
    }

    static Filter parseFilter(String text) {
        try {
            return FilterJson.read(Json.create(Limits.defaults()), text);
        } catch (DecodeException e) {
            throw new CliException(ExitCodes.USAGE, "--filter is not a NIP-01 filter: " + e.getMessage());
        }
    }

    private static String describe(BundleExport.Result r) {
        Manifest m = r.manifest();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Wrote %s: %,d events, %,d bytes", r.file(), m.count(), r.fileBytes()));
        if (m.count() > 0) sb.append(String.format(Locale.ROOT, ", created_at %d to %d", m.since().getAsLong(), m.until().getAsLong()));
        sb.append(".\n  sha256 ").append(m.sha256()).append(" (of the event lines)");
        m.filter().ifPresent(x -> sb.append("\n  filter ").append(FilterJson.write(x)));
        if (r.giftWrapsLeftOut() > 0)
            sb.append(String.format(Locale.ROOT, "%n  %,d gift wraps left out (private messages; add --gift-wraps to carry them)", r.giftWrapsLeftOut()));
        return sb.toString();
    }

    private static String toJson(BundleExport.Result r) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("file", r.file().toString());
            g.writeNumberField("file_bytes", r.fileBytes());
            g.writeNumberField("gift_wraps_left_out", r.giftWrapsLeftOut());
            g.writeFieldName("manifest");
            g.writeRawValue(new String(r.manifest().toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8));
            g.writeEndObject();
        });
    }
}
