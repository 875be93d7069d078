package mutual.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import mutual.app.config.Config;
import mutual.app.config.ConfigException;
import mutual.app.config.NodeSettings;
import mutual.app.config.Setting;
import mutual.app.node.RunningNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <pre>
 * mutual serve [--port N] [--bind ADDR] [--data DIR] [--config FILE] [--SETTING VALUE]...
 * </pre>
 * Runs a node: a Nostr relay with Mutual's engine, on an embedded SQLite database in the data
 * folder, or on PostgreSQL ({@code --store postgresql://…}). Prints its WebSocket URL and npub, and stops cleanly on Ctrl-C or SIGTERM (in-flight
 * writes committed, sockets closed). Every setting of {@link NodeSettings} is also a flag here.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a node (a Nostr relay with Mutual's engine) on an embedded SQLite database, or on PostgreSQL with --store postgresql://….",
                "Settings come from flags, then MUTUAL_* environment variables, then DATA/mutual.conf (or --config), then defaults."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file of 'name = value' lines (default: DATA/mutual.conf if present).")
    Path configFile;

    @Option(names = "--peer", paramLabel = "WS-URL", description = "Peer with this relay for this run, both ways, every event (repeatable; lasting peers: mutual peer add).")
    java.util.List<String> peers = new java.util.ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Adds one flag per declared setting; called once when the command line is built. */
    static void declareSettings(CommandLine.Model.CommandSpec serve) {
        for (Setting<?> s : NodeSettings.all()) {
            serve.addOption(CommandLine.Model.OptionSpec.builder(s.flagName())
                    .paramLabel(s.type().toUpperCase(java.util.Locale.ROOT))
                    .type(String.class)
                    .description(s.description() + " (default: " + (s.defaultValue().isEmpty() ? "none" : s.defaultValue())
                            + "; env " + s.envName() + ")")
                    .build());
        }
    }

    @Override
    public Integer call() {
        Config config = resolveConfig();
        java.util.List<mutual.engine.mesh.PeerSpec> peerSpecs = peers.stream()
                .map(u -> PeerSpecs.parse(u, Optional.empty(), "both")).toList();
        // Before anything is written: a node already on this folder (named), then the address.
        try {
            mutual.app.node.NodeLock.checkFree(java.nio.file.Path.of(config.get(NodeSettings.DATA)).toAbsolutePath().normalize());
        } catch (mutual.app.node.NodeLock.HeldException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot read the data folder's lock: " + e.getMessage());
        }
        checkCanListen(config.get(NodeSettings.BIND), config.get(NodeSettings.PORT));
        try (RunningNode node = RunningNode.start(config, peerSpecs)) {
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                System.err.println("mutual: stopping (committing in-flight writes)…");
                node.close();
                stopped.countDown();
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            // A node that can no longer store events must not go on answering as if it could: it
            // exits non-zero so that systemd or a container runtime starts it again.
            node.node().onFailure(reason -> Thread.ofPlatform().name("exit").start(() -> {
                System.err.println("mutual: " + reason + ". The node cannot continue and exits (code " + ExitCodes.INTERNAL
                        + ") so that its supervisor can restart it.");
                System.exit(ExitCodes.INTERNAL);
            }));
            PrintLines.out(spec, node.banner());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } catch (mutual.app.node.NodeLock.HeldException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        } catch (mutual.store.StoreException e) {
            throw new CliException(ExitCodes.IO, e.getMessage()); // e.g. PostgreSQL unreachable or refusing: said in words, no stack trace
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof java.net.BindException b) throw cannotListen(config.get(NodeSettings.BIND), config.get(NodeSettings.PORT), b);
            throw e;
        }
        return ExitCodes.OK;
    }

    /** Fails in words when the address cannot be listened on: an unknown host, or a port another program holds. */
    static void checkCanListen(String bind, int port) {
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(bind);
        } catch (java.net.UnknownHostException e) {
            throw new CliException(ExitCodes.USAGE, "--bind " + bind + ": no such address on this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (the network)");
        }
        if (port == 0) return;
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(address, port));
        } catch (java.net.BindException e) {
            throw cannotListen(bind, port, e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
    }

    private static CliException cannotListen(String bind, int port, java.net.BindException e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("in use"))
            return new CliException(ExitCodes.USAGE, "port " + port + " on " + bind + " is in use (another node, or another program); stop it, or pick another port with --port N");
        return new CliException(ExitCodes.USAGE, "cannot listen on " + bind + ":" + port + " (" + why + "); --bind must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    private Config resolveConfig() {
        Map<String, String> flags = new LinkedHashMap<>();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (Setting<?> s : NodeSettings.all()) {
            if (parsed.hasMatchedOption(s.flagName())) flags.put(s.name(), parsed.matchedOptionValue(s.flagName(), ""));
        }
        Map<String, String> env = System.getenv();
        String data = flags.getOrDefault(NodeSettings.DATA.name(), env.getOrDefault(NodeSettings.DATA.envName(), NodeSettings.DATA.defaultValue()));
        Optional<Path> file = Optional.ofNullable(configFile);
        if (file.isEmpty() && Files.isRegularFile(Path.of(data, "mutual.conf"))) file = Optional.of(Path.of(data, "mutual.conf"));
        if (configFile != null && !Files.isRegularFile(configFile)) throw new CliException(ExitCodes.USAGE, "no such config file: " + configFile);
        try {
            return Config.resolve(NodeSettings.all(), file, env, flags);
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** Prints and flushes lines on the command's standard output. */
    static final class PrintLines {
        static void out(CommandLine.Model.CommandSpec spec, String text) {
            spec.commandLine().getOut().println(text);
            spec.commandLine().getOut().flush();
        }
    }
}
