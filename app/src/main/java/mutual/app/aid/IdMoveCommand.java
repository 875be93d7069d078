package mutual.app.aid;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.app.cli.ProgressLine;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.json.JsonOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual id move --to URL [--from URL]... [--from-bundle FILE]... [--restart] [--node URL] [--json] [-q]
 * </pre>
 * Takes your history to another node: every event you wrote and every event addressed to you,
 * from each source (the --from relays, else the node and the relays of your lists), checked by
 * the new node's OK one by one; then your relay lists name the new node first (without the
 * --from nodes, which you are leaving) and are published to every relay involved. Interrupted,
 * the same command resumes ({@link MoveState}). docs/protocol.md, "Moving to another node".
 */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Copy everything you wrote and everything addressed to you to another node, then point your relay lists at it.")
public final class IdMoveCommand implements Callable<Integer> {
    /** Connections to the new node: its ingest reads each with backpressure, so several keep all its cores busy. */
    static final int CONNECTIONS = 4;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "the node you move to, ws:// or wss://") String to;
    @Option(names = "--from", paramLabel = "URL", description = "a node you leave (repeatable; default: the node and the relays your lists name, which stay in them)")
    List<String> from = List.of();
    @Option(names = "--from-bundle", paramLabel = "FILE", description = "a bundle file (mutual bundle export) holding your history, for when the old node is gone (repeatable; without --from, only the bundles are read)")
    List<java.nio.file.Path> bundles = List.of();
    @Option(names = "--restart", description = "copy everything again, even what an interrupted move already confirmed") boolean restart;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON") boolean json;
    @Option(names = {"-q", "--quiet"}, description = "no progress line") boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String target = NodeLink.of(to, "--to").relayUrl();
        from.forEach(f -> NodeLink.of(f, "--from"));
        NodeLink link = node.link();
        Keystore ks = Keystore.open();
        SecretKey me = ks.unlock();
        long now = Instant.now().getEpochSecond();
        RelayLists.Lists old = RelayLists.lookUp(from.isEmpty() ? link.relayUrl() : from.get(0), me.publicKey());
        List<String> sources = new ArrayList<>();
        for (String s : from.isEmpty() ? (bundles.isEmpty() ? concat(List.of(link.relayUrl()), old.relays(), old.dm()) : List.<String>of()) : from)
            if (!RelayLists.same(s, target) && !RelayLists.contains(sources, s)) sources.add(s);
        for (var b : bundles) if (!java.nio.file.Files.isReadable(b)) throw new CliException(ExitCodes.IO, "cannot read the bundle " + b + "; nothing was copied");
        if (sources.isEmpty() && bundles.isEmpty()) throw new CliException(ExitCodes.USAGE, "nothing to move from: --to is the only node you name; say where from with --from URL");
        MoveState state = MoveState.open(target, restart);
        List<Mover.SourceReport> reports = new ArrayList<>();
        long started = System.nanoTime();
        Mover mover;
        List<RelayClient> connections = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) connections.add(connectTarget(target));
            mover = new Mover(me, connections, state);
            try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), quiet || json, () -> new ProgressLine.Snapshot(
                    mover.stored.get() + mover.already.get() + mover.refused.get(), mover.total.get(), "events",
                    String.format(Locale.ROOT, "%,d stored  %,d already there  %,d refused", mover.stored.get(), mover.already.get(), mover.refused.get())))) {
                for (String s : sources) reports.add(mover.from(s, now));
                for (var b : bundles) reports.add(mover.fromBundle(b));
            }
        } finally {
            connections.forEach(RelayClient::close);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean whole = reports.stream().allMatch(r -> r.problem().isEmpty()) && mover.refused.get() == 0;
        // The new lists: the new node first, then what was there, less the nodes left behind.
        List<String> relays = keep(concat(List.of(target), old.relays())), dm = keep(concat(List.of(target), old.dm()));
        long at = old.next(now);
        RelayLists.Lists next = new RelayLists.Lists(Optional.of(RelayLists.outbox(me, relays, at)), Optional.of(RelayLists.inbox(me, dm, at)));
        List<Messages.Delivery> published = RelayLists.publish(me.publicKey(), next, concat(List.of(target), sources, old.relays(), old.dm()));
        if (whole) state.clear();
        print(spec.commandLine().getOut(), target, reports, mover, seconds, next, published);
        if (reports.stream().anyMatch(r -> !r.problem().isEmpty())) return ExitCodes.IO;
        return whole ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private List<String> keep(List<String> relays) {
        List<String> out = new ArrayList<>();
        for (String r : relays) if (!RelayLists.contains(from, r) && !RelayLists.contains(out, r)) out.add(r);
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) out.addAll(l);
        return out;
    }

    private static RelayClient connectTarget(String target) {
        try {
            return RelayClient.connect(java.net.URI.create(target), Duration.ofSeconds(10));
        } catch (RuntimeException x) {
            throw new CliException(ExitCodes.IO, "the node you move to does not answer at " + target + " (" + NodeLink.reason(x) + "); nothing was copied");
        }
    }

    private void print(PrintWriter out, String target, List<Mover.SourceReport> reports, Mover m, double seconds,
            RelayLists.Lists next, List<Messages.Delivery> published) {
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("to", target);
                g.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
                g.writeNumberField("stored", m.stored.get());
                g.writeNumberField("already", m.already.get());
                g.writeNumberField("refused", m.refused.get());
                g.writeArrayFieldStart("sources");
                for (Mover.SourceReport r : reports) {
                    g.writeStartObject();
                    g.writeStringField("relay", r.relay());
                    g.writeNumberField("read", r.read());
                    g.writeNumberField("stored", r.stored());
                    g.writeNumberField("already", r.already());
                    g.writeNumberField("refused", r.refused());
                    g.writeBooleanField("authenticated", r.authenticated());
                    if (!r.problem().isEmpty()) g.writeStringField("problem", r.problem());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeObjectFieldStart("refusals");
                for (var e : m.refusals.entrySet()) g.writeStringField(e.getKey(), e.getValue());
                g.writeEndObject();
                Out.strings(g, "relays", next.relays());
                Out.deliveries(g, "published", published);
                g.writeEndObject();
            }));
            out.flush();
            return;
        }
        out.println(String.format(Locale.ROOT, "moved to %s in %.1f s: %,d events stored, %,d already there, %,d refused",
                target, seconds, m.stored.get(), m.already.get(), m.refused.get()));
        for (Mover.SourceReport r : reports) {
            out.println(String.format(Locale.ROOT, "  from %s: %s", r.relay(), r.problem().isEmpty()
                    ? String.format(Locale.ROOT, "%,d events read%s", r.read(), r.authenticated() ? "" : " (it did not let this key in, so private messages may be missing)")
                    : "stopped: " + r.problem() + (r.read() > 0 ? String.format(Locale.ROOT, " after %,d events", r.read()) : "")));
        }
        for (var e : m.refusals.entrySet()) out.println("  not taken: " + e.getKey() + " " + e.getValue());
        if (m.refused.get() > m.refusals.size()) out.println(String.format(Locale.ROOT, "  and %,d more not taken", m.refused.get() - m.refusals.size()));
        out.println("your relays now: " + String.join(" ", next.relays()));
        for (Messages.Delivery d : published) out.println("  lists " + (d.ok() ? "published to " + d.relay() : "not published to " + d.relay() + ": " + d.detail()));
        if (m.refused.get() > 0 || reports.stream().anyMatch(r -> !r.problem().isEmpty()))
            out.println("run the same command again to retry what did not arrive (it starts where everything before had arrived)");
        out.flush();
    }
}
