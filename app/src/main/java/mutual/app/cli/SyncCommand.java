package mutual.app.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mutual.app.node.NodeKey;
import mutual.app.node.RunningNode;
import mutual.engine.Node;
import mutual.engine.client.RelayClient;
import mutual.engine.mesh.Failures;
import mutual.engine.mesh.PeerChannel;
import mutual.engine.mesh.PeerSpec;
import mutual.engine.mesh.Reconciliation;
import mutual.engine.mesh.SchedulerTimer;
import mutual.engine.mesh.SyncException;
import mutual.engine.mesh.SyncReport;
import mutual.engine.mesh.WebSocketConnector;
import mutual.protocol.json.JsonOut;
import mutual.store.EventStore;
import mutual.store.StoreException;
import mutual.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual sync WS-URL [--filter JSON] [--direction up|down|both] [--data DIR] [--config FILE] [--store URL] [--no-compression] [--json] [--quiet]
 * </pre>
 * One reconciliation (NIP-77) between a node's data folder and another relay, by hand, with a
 * progress line: what only the other side has is fetched and checked as the node checks
 * everything; what only this side has is published to it. Works whether or not the node runs.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconcile a node's data folder with another relay once (NIP-77), fetching and sending only the difference.",
                "Exit code 0 when the sync finished with nothing refused; 1 when events were refused or rejected; 3 when the relay could not be reached or ended the sync."})
public final class SyncCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(paramLabel = "WS-URL", description = "The other relay, ws:// or wss://.")
    String url;

    @Option(names = "--filter", paramLabel = "JSON", description = "Only events matching this NIP-01 filter (default: all; no limit or search).")
    String filter;

    @Option(names = "--direction", paramLabel = "up|down|both", defaultValue = "both",
            description = "up: only send ours; down: only fetch theirs; both (default).")
    String direction;

    @picocli.CommandLine.Mixin
    StoreFolderOptions folderOptions;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "How long to wait to connect (default 10).")
    int timeoutSeconds;

    @Option(names = "--no-compression", description = "Do not offer permessage-deflate: less CPU, more bytes (for a fast local network).")
    boolean noCompression;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PeerSpec peer = PeerSpecs.parse(url, Optional.ofNullable(filter), direction);
        DataFolder folder = folderOptions.resolve();
        Files.createDirectories(folder.dir());
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mutual-sync").daemon(true).factory());
        try (EventStore store = folder.openStore(dir -> SqliteStore.builder(dir).readers(2).mmapBytes(0).open());
             Node node = Node.create(RunningNode.nodeConfig(folder.config(), NodeKey.loadOrCreate(folder.dir())), store)) {
            RelayClient client = connect(peer.url());
            PeerChannel channel = WebSocketConnector.over(client);
            Reconciliation sync = new Reconciliation(channel, node.local(), peer, new SchedulerTimer(scheduler, InstantSource.system()));
            CompletableFuture<SyncReport> done = sync.run();
            SyncReport report = await(done, sync, err);
            channel.close();
            out.println(json ? json(report, client) : "synced with " + peer.url() + ": " + report.summary() + "; " + traffic(client));
            out.flush();
            return report.refused() + report.rejected() == 0 ? ExitCodes.OK : ExitCodes.INVALID;
        } catch (SyncException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        } catch (StoreException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        } finally {
            scheduler.shutdownNow();
        }
    }

    private RelayClient connect(String peerUrl) {
        try {
            // Compressed unless asked not to, as the mesh's own links are: see WebSocketConnector.
            return RelayClient.connect(URI.create(peerUrl), Duration.ofSeconds(timeoutSeconds),
                    noCompression ? RelayClient.Compression.NONE : RelayClient.Compression.DEFLATE);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.IO, "cannot connect to " + peerUrl + ": " + Failures.rootMessage(e));
        }
    }

    private SyncReport await(CompletableFuture<SyncReport> done, Reconciliation sync, PrintWriter err) throws InterruptedException {
        try (ProgressLine progress = ProgressLine.start(err, quiet || json, () -> snapshot(sync.report()))) {
            return done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SyncException s ? s : new SyncException(Failures.rootMessage(e));
        }
    }

    /**
     * Events moved against the difference found so far (to fetch plus to send), which grows while
     * the rounds of reconciliation still find some; the counts are those of the summary.
     */
    private static ProgressLine.Snapshot snapshot(SyncReport r) {
        long moved = r.received() + r.duplicates() + r.rejected() + r.missing() + r.sent() + r.refused();
        return new ProgressLine.Snapshot(moved, r.need() + r.have(), "events", String.format(java.util.Locale.ROOT,
                "round %,d  received %,d  sent %,d  rejected %,d  refused %,d", r.rounds(), r.received(), r.sent(), r.rejected(), r.refused()));
    }

    /** The whole connection's traffic: bytes on the wire, and the message text they carried when compressed. */
    private static String traffic(RelayClient c) {
        return c.compressed()
                ? String.format("%,d B sent, %,d B received on the wire in all (permessage-deflate; %,d and %,d characters of message text)",
                        c.bytesSent(), c.bytesReceived(), c.messageCharsSent(), c.messageCharsReceived())
                : String.format("%,d B sent, %,d B received on the wire in all (uncompressed: the relay declined permessage-deflate)",
                        c.bytesSent(), c.bytesReceived());
    }

    /**
     * {@code bytesSent}/{@code bytesReceived} are bytes on the wire (compressed when {@code compressed});
     * {@code messageCharsSent}/{@code messageCharsReceived} characters of message text before compression;
     * {@code syncBytesUp}/{@code syncBytesDown} the negentropy payloads, binary (half their hex).
     */
    private static String json(SyncReport r, RelayClient c) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberField("rounds", r.rounds());
            g.writeNumberField("have", r.have());
            g.writeNumberField("need", r.need());
            g.writeNumberField("sent", r.sent());
            g.writeNumberField("refused", r.refused());
            g.writeNumberField("received", r.received());
            g.writeNumberField("duplicates", r.duplicates());
            g.writeNumberField("rejected", r.rejected());
            g.writeNumberField("missing", r.missing());
            g.writeNumberField("syncBytesUp", r.syncBytesUp());
            g.writeNumberField("syncBytesDown", r.syncBytesDown());
            g.writeBooleanField("compressed", c.compressed());
            g.writeNumberField("bytesSent", c.bytesSent());
            g.writeNumberField("bytesReceived", c.bytesReceived());
            g.writeNumberField("messageCharsSent", c.messageCharsSent());
            g.writeNumberField("messageCharsReceived", c.messageCharsReceived());
            g.writeNumberField("reconciledMillis", r.reconciled().toMillis());
            g.writeNumberField("millis", r.elapsed().toMillis());
            g.writeStringField("lastError", r.lastError());
            g.writeEndObject();
        });
    }
}
