package mutual.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mutual.app.node.NodePolicies;
import mutual.app.node.Stores;
import mutual.engine.copy.StoreCopy;
import mutual.protocol.event.EventId;
import mutual.store.EventStore;
import mutual.store.OwnerOnly;
import mutual.store.StoreException;
import mutual.store.postgres.PgUrl;
import mutual.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual store copy FROM TO [--data DIR] [--config FILE] [--restart] [--quiet]
 * </pre>
 * Copies every event of one store into another, each a data folder (SQLite) or a
 * postgresql:// URL, oldest first, through the node's checks (id, signature, the policies of the
 * node that --data and --config describe), with a progress line. Events the destination already
 * has count as duplicates. Interrupted (Ctrl-C, a crash), it continues where it stopped when run
 * again: the position reached is kept in DATA/store-copies until a copy finishes. Run it again
 * after the last node on the source has stopped, to take what came meanwhile (everything is
 * checked again; what the destination has counts as already there).
 */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy a node's events from one store to another (a data folder, or postgresql://USER:PASSWORD@HOST/DB),",
                "checking every event as the node would. Resumes where an interrupted copy stopped."})
public final class StoreCopyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FROM", description = "The store to read: a node's data folder, or a postgresql:// URL.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The store to write: a data folder (created if missing), or a postgresql:// URL.")
    String to;

    @picocli.CommandLine.Mixin
    FolderOptions folderOptions;

    @Option(names = "--restart", description = "Start from the oldest event even if an earlier copy between these stores stopped part-way.")
    boolean restart;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DataFolder folder = folderOptions.resolve();
        String source = place(from), destination = place(to);
        if (source.equals(destination)) throw new CliException(ExitCodes.USAGE, "FROM and TO are the same store");
        if (!PgUrl.isUrl(from) && !Files.isRegularFile(Path.of(from).resolve(SqliteStore.FILE_NAME)))
            throw new CliException(ExitCodes.IO, "no node data in " + from + " (no " + SqliteStore.FILE_NAME + ")");
        Path checkpoint = folder.dir().resolve("store-copies").resolve(key(source, destination));
        CountDownLatch finished = new CountDownLatch(1);
        StoreCopy[] running = {null};
        // Ctrl-C: the chunk in flight is finished and its position kept, then the summary printed.
        Thread hook = new Thread(() -> {
            if (running[0] == null) return;
            running[0].stop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "store-copy-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EventStore a = open(from); EventStore b = open(to)) {
            Optional<StoreCopy.Position> after = restart ? Optional.empty() : read(checkpoint);
            StoreCopy copy = StoreCopy.create(a, b, NodePolicies.of(folder.config()), InstantSource.system());
            running[0] = copy;
            long total = a.size();
            StoreCopy.Summary s;
            try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), quiet, () -> snapshot(copy.counts(), total))) {
                s = copy.run(after, p -> save(checkpoint, p));
            }
            PrintWriter out = spec.commandLine().getOut();
            StoreCopy.Counts c = s.counts();
            out.printf(Locale.ROOT, "%s %,d events from %s to %s in %.1f s%s: stored %,d, already there %,d, refused %,d, invalid %,d%n",
                    s.complete() ? "Copied" : "Stopped after", c.done(), source, destination, s.took().toMillis() / 1000.0,
                    after.isPresent() ? " (continuing an earlier copy)" : "", c.stored(), c.duplicate(), c.refused(), c.invalid());
            // A whole copy forgets its position: run again later, it checks every event again, so
            // that an event that reached the source late, dated before the position, is not missed.
            if (s.complete()) forget(checkpoint);
            else out.println("Run the same command again to continue.");
            out.flush();
            return c.invalid() == 0 ? ExitCodes.OK : ExitCodes.INVALID;
        } catch (StoreException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waited for the summary
            }
        }
    }

    private static EventStore open(String store) {
        return PgUrl.isUrl(store) ? Stores.open(store, Path.of(".")) : Stores.open("", Path.of(store));
    }

    /** A store as named to people: the folder's absolute path, or the URL without its password. */
    private static String place(String store) {
        return PgUrl.isUrl(store) ? PgUrl.parse(store).toString() : Path.of(store).toAbsolutePath().normalize().toString();
    }

    private static String key(String source, String destination) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest((source + "\n" + destination).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 12) + ".position";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<StoreCopy.Position> read(Path checkpoint) {
        try {
            if (!Files.isRegularFile(checkpoint)) return Optional.empty();
            String[] parts = Files.readString(checkpoint, StandardCharsets.UTF_8).strip().split(" ");
            return Optional.of(new StoreCopy.Position(Long.parseLong(parts[0]), EventId.fromHex(parts[1]).orElseThrow()));
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.IO, "cannot read where an earlier copy stopped (" + checkpoint + "): " + e.getMessage()
                    + "; use --restart to start from the oldest event");
        }
    }

    /** Written beside, then moved over, so a crash leaves the old position or the new one. */
    private static void save(Path checkpoint, StoreCopy.Position p) {
        try {
            OwnerOnly.folder(checkpoint.getParent());
            Path tmp = OwnerOnly.file(checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp"));
            Files.writeString(tmp, p.createdAt() + " " + p.id().hex() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, checkpoint, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("cannot record how far the copy got in " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static void forget(Path checkpoint) {
        try {
            Files.deleteIfExists(checkpoint);
        } catch (IOException e) {
            throw new StoreException("cannot remove " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static ProgressLine.Snapshot snapshot(StoreCopy.Counts c, long total) {
        return new ProgressLine.Snapshot(c.done(), total, "events", String.format(Locale.ROOT,
                "stored %,d  already there %,d  refused %,d  invalid %,d", c.stored(), c.duplicate(), c.refused(), c.invalid()));
    }
}
