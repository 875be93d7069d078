package mutual.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mutual.app.node.NodePolicies;
import mutual.engine.bundle.BundleException;
import mutual.engine.bundle.BundleImport;
import mutual.engine.bundle.Checkpoints;
import mutual.store.EventStore;
import mutual.store.StoreException;
import mutual.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual bundle import FILE [--data DIR] [--config FILE] [--restart] [--json] [--quiet]
 * </pre>
 * Takes a bundle into a node's data folder through the node's own checks (id, signature, the
 * configured policies), with a progress line. Duplicates are skipped; invalid events are counted
 * and reported, never stored. An interrupted import (Ctrl-C, a crash) continues where it stopped
 * when run again. Works whether or not the node is running on the folder.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Take a bundle file into a node's data folder, checking every event as the node would.",
                "Exit code 0 when the file was whole and every event valid; 1 when anything was invalid or damaged."})
public final class BundleImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The bundle file.")
    Path file;

    @picocli.CommandLine.Mixin
    StoreFolderOptions folderOptions;

    @Option(names = "--restart", description = "Start from the first event even if an earlier run of this bundle stopped part-way.")
    boolean restart;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DataFolder folder = folderOptions.resolve();
        if (!Files.isRegularFile(file)) throw new CliException(ExitCodes.IO, "no such file: " + file);
        Checkpoints checkpoints = Checkpoints.in(folder.checkpoints());
        BundleImport.Options options = BundleImport.Options.defaults().withCheckpoints(checkpoints);
        // Ctrl-C asks the import to stop; the hook then waits until the lines in flight are
        // finished, the checkpoint saved and the summary printed, since the JVM halts when it returns.
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<BundleImport> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            BundleImport imp = running.get();
            if (imp == null) return;
            imp.stop();
            try {
                reported.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bundle-import-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BundleImport.Summary summary = run(folder, options, checkpoints, running);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? ImportReport.json(summary, folder.dir(), folder.describeStore())
                    : ImportReport.text(summary, folder.postgres().isPresent() ? folder.describeStore() : folder.dir().toString()));
            out.flush();
            boolean clean = summary.complete() && summary.counts().invalid() == 0 && summary.counts().failed() == 0;
            return clean ? ExitCodes.OK : ExitCodes.INVALID;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waited for the summary
            }
        }
    }

    private BundleImport.Summary run(DataFolder folder, BundleImport.Options options, Checkpoints checkpoints,
                                     AtomicReference<BundleImport> running) {
        // No memory-mapped reads: mapped pages of the database would count in the import's resident
        // memory and grow with the database; the page cache alone has a fixed size. The words of
        // the imported events are indexed by the node afterwards, when idle or before a search: a
        // quarter of the import's writer time went to them (docs/node.md, "Import").
        try (EventStore store = folder.openStore(dir -> SqliteStore.builder(dir).readers(1).mmapBytes(0).wordsLater().open())) {
            BundleImport imp = BundleImport.create(store, NodePolicies.of(folder.config()), InstantSource.system(), file, options);
            if (restart) forgetEarlierRun(checkpoints);
            running.set(imp);
            try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), quiet || json, () -> snapshot(imp.progress()))) {
                return imp.run();
            }
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.IO, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot read " + file + ": " + e.getMessage());
        } catch (BundleException e) {
            throw new CliException(ExitCodes.INVALID, e.getMessage());
        } catch (StoreException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        }
    }

    private void forgetEarlierRun(Checkpoints checkpoints) throws IOException {
        try (var r = mutual.engine.bundle.BundleReader.open(file, 1 << 20)) {
            checkpoints.clear(r.manifest().sha256());
        }
    }

    /** Lines taken against the manifest's count, so the percentage and the counts agree, on a cut-short file too. */
    private static ProgressLine.Snapshot snapshot(BundleImport.Progress p) {
        var c = p.counts();
        return new ProgressLine.Snapshot(p.linesDone(), p.expectedLines(), "events", String.format(java.util.Locale.ROOT,
                "stored %,d  duplicate %,d  refused %,d  invalid %,d", c.stored(), c.duplicate(), c.refused(), c.invalid()));
    }
}
