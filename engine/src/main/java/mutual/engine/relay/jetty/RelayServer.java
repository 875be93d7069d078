package mutual.engine.relay.jetty;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import mutual.engine.relay.ClientAddress;
import mutual.engine.relay.Relay;
import mutual.engine.relay.RelayInfo;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.http.pathmap.RegexPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 on one port: WebSocket upgrades on {@code /} become relay sessions; everything else is
 * plain HTTP ({@link HttpRoutes}). Oversized frames are refused by the WebSocket layer, which
 * closes with 1009 before reading the payload.
 */
public final class RelayServer implements AutoCloseable {
    /** Where to listen and how big and idle a connection may be. */
    public record Settings(String bindAddress, int port, int maxMessageBytes, Duration idleTimeout, ClientAddress clientAddress) {}

    private final Server server;
    private final ServerConnector connector;

    private RelayServer(Settings settings, Relay relay, Supplier<RelayInfo> info, Supplier<HttpReply> health,
                        Supplier<String> metrics, Map<String, Handler> routes) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("mutual-http");
        pool.setDaemon(true);
        server = new Server(pool);
        server.setStopTimeout(5_000);
        connector = new ServerConnector(server);
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        server.addConnector(connector);

        PathMappingsHandler paths = new PathMappingsHandler();
        paths.addMapping(PathSpec.from("/healthz"), HttpRoutes.text("application/json", health));
        paths.addMapping(PathSpec.from("/metrics"), HttpRoutes.text("text/plain; version=0.0.4; charset=utf-8",
                () -> new HttpReply(200, metrics.get())));
        routes.forEach((spec, handler) -> {
            if (!spec.equals("/")) paths.addMapping(PathSpec.from(spec), handler);
        });
        paths.addMapping(PathSpec.from("/"), HttpRoutes.root(info, Optional.ofNullable(routes.get("/"))));

        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(settings.maxMessageBytes());
            container.setMaxBinaryMessageSize(settings.maxMessageBytes());
            container.setMaxFrameSize(settings.maxMessageBytes());
            // Auto-fragmentation stays on: with it off, permessage-deflate (which browsers and the ws library
            // negotiate) drops every message whose inflated size passes the inflater's buffer, silently
            // stalling the connection. Memory stays bounded by the message size limits above.
            container.setAutoFragment(true);
            // Frames sent with Jetty's batch flag (the stored answer to a REQ, up to its EOSE) are
            // gathered into one buffer of this size, but only those under a quarter of it: with
            // the default 4 KiB an event of 1 KB already went out in a write of its own.
            container.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
            container.setIdleTimeout(settings.idleTimeout());
            ClientAddress addresses = settings.clientAddress();
            container.addMapping(new RegexPathSpec("^/$"), (request, response, callback) -> new RelayEndpoint(relay,
                    addresses.resolve(Request.getRemoteAddr(request), addresses.header().map(h -> request.getHeaders().getValuesList(h))
                            .filter(l -> !l.isEmpty()).map(l -> String.join(",", l)))));
        });
        ws.setHandler(paths);
        server.setHandler(ws);
    }

    /** Per connection, while it sends: 32 KiB gathers about 30 events of 1 KB into one write. */
    static final int OUTPUT_BUFFER_BYTES = 32 << 10;

    /**
     * @param routes extra HTTP handlers by Jetty path spec ({@code "/api/*"}); one for {@code "/"}
     *               serves root requests that are not NIP-11 or WebSocket upgrades
     */
    public static RelayServer create(Settings settings, Relay relay, Supplier<RelayInfo> info, Supplier<HttpReply> health,
                                     Supplier<String> metrics, Map<String, Handler> routes) {
        return new RelayServer(settings, relay, info, health, metrics, routes);
    }

    /** Starts listening; returns the bound port (useful when the configured port is 0). */
    public int start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the server on " + connector.getHost() + ":" + connector.getPort() + ": " + e.getMessage(), e);
        }
        return connector.getLocalPort();
    }

    /** Stops accepting new connections; open ones continue. */
    public void stopAccepting() {
        connector.close();
    }

    /** Closes every connection and stops. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the server cleanly: " + e.getMessage(), e);
        }
    }
}
