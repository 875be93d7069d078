package mutual.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import mutual.app.node.PeerFile;
import mutual.app.node.PeerWatch;
import mutual.engine.mesh.PeerSpec;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual peer add WS-URL [--filter JSON] [--direction up|down|both] [--data DIR]
 * mutual peer list [--data DIR] [--json]
 * mutual peer remove WS-URL [--data DIR]
 * </pre>
 * Edits the node's lasting peers in {@code DATA/peers.conf}; a running node picks the change up
 * within seconds. {@code list} also shows, while the node runs, each peer's state, last sync,
 * events sent and received and last error.
 */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = "Add, list or remove the relays this node replicates with (DATA/peers.conf).",
        subcommands = {PeerCommand.Add.class, PeerCommand.ListPeers.class, PeerCommand.Remove.class})
public final class PeerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The data folder option every peer subcommand takes. */
    static class Folder {
        @Option(names = "--data", paramLabel = "DIR", description = "The node's data folder (default: as for serve, ./mutual-data).")
        Path data;

        Path peersFile() {
            return PeerFile.in(dir());
        }

        Path dir() {
            return DataFolder.resolve(Optional.ofNullable(data), Optional.empty()).dir();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Replicate with a relay: both ways and every event unless told otherwise.")
    static final class Add extends Folder implements Callable<Integer> {
        @Parameters(paramLabel = "WS-URL") String url;

        @Option(names = "--filter", paramLabel = "JSON", description = "Only events matching this NIP-01 filter (no limit or search).")
        String filter;

        @Option(names = "--direction", paramLabel = "up|down|both", defaultValue = "both", description = "up: only send; down: only receive; both (default).")
        String direction;

        @Option(names = "--no-compression", description = "Do not offer permessage-deflate on this link (for fast local networks, where it costs more CPU than the bytes it saves).")
        boolean noCompression;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PeerSpec p = PeerSpecs.parse(url, Optional.ofNullable(filter), direction).withCompression(!noCompression);
            try {
                boolean replaced = PeerFile.add(peersFile(), p);
                spec.commandLine().getOut().println((replaced ? "updated peer " : "added peer ") + p.url() + " (" + p.direction().label()
                        + ", filter " + p.filterJson() + (p.compress() ? "" : ", uncompressed") + ") in " + peersFile());
            } catch (IOException e) {
                throw new CliException(ExitCodes.IO, "cannot write " + peersFile() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop replicating with a relay.")
    static final class Remove extends Folder implements Callable<Integer> {
        @Parameters(paramLabel = "WS-URL") String url;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                if (!PeerFile.remove(peersFile(), url)) throw new CliException(ExitCodes.USAGE, "no peer " + url + " in " + peersFile());
                spec.commandLine().getOut().println("removed peer " + PeerSpec.checkUrl(url));
            } catch (IOException e) {
                throw new CliException(ExitCodes.IO, "cannot write " + peersFile() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The peers, and while the node runs, how each one stands.")
    static final class ListPeers extends Folder implements Callable<Integer> {
        @Option(names = "--json", description = "One JSON object per peer, one per line.")
        boolean json;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<PeerSpec> peers;
            Map<String, PeerWatch.StatusLines.Row> status;
            try {
                peers = PeerFile.read(peersFile());
                status = PeerWatch.StatusLines.read(dir()).stream().collect(Collectors.toMap(PeerWatch.StatusLines.Row::url, Function.identity(), (a, b) -> b));
            } catch (IOException e) {
                throw new CliException(ExitCodes.IO, "cannot read " + peersFile() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (peers.isEmpty() && status.isEmpty() && !json) out.println("no peers (add one with: mutual peer add ws://HOST:PORT/)");
            for (PeerSpec p : peers)
                print(out, p.url(), p.direction().label(), p.filterJson(), p.compress(), Optional.ofNullable(status.remove(p.url())));
            for (PeerWatch.StatusLines.Row r : status.values()) print(out, r.url(), "both", "{}  (from --peer)", true, Optional.of(r));
            out.flush();
            return ExitCodes.OK;
        }

        private void print(PrintWriter out, String url, String direction, String filter, boolean compress, Optional<PeerWatch.StatusLines.Row> row) {
            if (json) {
                out.println(JsonOut.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("url", url);
                    g.writeStringField("direction", direction);
                    g.writeStringField("filter", filter);
                    g.writeBooleanField("compression", compress);
                    if (row.isEmpty()) {
                        g.writeStringField("state", "node not running");
                    } else {
                        PeerWatch.StatusLines.Row r = row.get();
                        g.writeStringField("state", r.state());
                        if (r.lastSync().isPresent()) g.writeStringField("lastSync", r.lastSync().get().toString());
                        else g.writeNullField("lastSync");
                        g.writeNumberField("sent", r.sent());
                        g.writeNumberField("received", r.received());
                        g.writeNumberField("errors", r.errors());
                        g.writeStringField("lastError", r.lastError());
                        g.writeNumberField("unconfirmed", r.unconfirmed());
                        g.writeNumberField("secondsBehind", r.secondsBehind(Instant.now()));
                    }
                    g.writeEndObject();
                }));
                return;
            }
            out.println(url + "  " + direction + "  filter " + filter + (compress ? "" : "  uncompressed"));
            if (row.isEmpty()) {
                out.println("    node not running (no status)");
                return;
            }
            PeerWatch.StatusLines.Row r = row.get();
            out.println("    state " + r.state() + "; last sync " + r.lastSync().map(Instant::toString).orElse("never")
                    + "; sent " + r.sent() + ", received " + r.received() + ", errors " + r.errors());
            long behind = r.secondsBehind(Instant.now());
            if (r.unconfirmed() > 0 || behind > 0)
                out.println("    behind: " + r.unconfirmed() + " events not yet confirmed by the peer, " + behind + " s behind");
            if (!r.lastSyncSummary().isEmpty()) out.println("    last sync: " + r.lastSyncSummary());
            if (!r.lastError().isEmpty()) out.println("    last error: " + r.lastError());
        }
    }
}
