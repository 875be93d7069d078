package mutual.engine.client;

import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The one Jetty WebSocket client of this process, started on first use and never stopped. Its
 * threads are daemons (Jetty's HttpClient would otherwise make a non-daemon scheduler), so an
 * open connection never keeps the JVM from exiting, and no shutdown hook waits for it.
 */
final class SharedWebSocketClient {
    /**
     * The largest message taken from a relay, counted after inflation: a small compressed frame
     * that inflates past it (a deflate bomb) fails the connection with 1009 instead of filling
     * memory, because Jetty checks the size as it assembles the inflated fragments.
     */
    static final int MAX_MESSAGE_BYTES = 4 << 20;

    private SharedWebSocketClient() {}

    /** The client, ready for {@code url}: for wss://, its TLS context is started on first use. */
    static WebSocketClient get(URI url) {
        WebSocketClient client = Holder.CLIENT;
        if ("wss".equalsIgnoreCase(url.getScheme())) startTls();
        return client;
    }

    private static final class Holder {
        static final SslContextFactory.Client TLS = new SslContextFactory.Client();
        static final WebSocketClient CLIENT = start();
    }

    /**
     * Starts the TLS context (it reads the JDK's trusted certificates) the first time a wss://
     * relay is dialled, not with the client: most connections of a node or of {@code mutual sync}
     * are ws://, and the start took a tenth of a second of a short command's run.
     */
    private static synchronized void startTls() {
        if (Holder.TLS.isStarted()) return;
        try {
            Holder.TLS.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start TLS for wss:// connections: " + e.getMessage(), e);
        }
    }

    private static WebSocketClient start() {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("mutual-ws-client");
        pool.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setSslContextFactory(Holder.TLS);
        http.getClientConnector().unmanage(Holder.TLS); // started by startTls(), on first use
        http.setExecutor(pool);
        http.setScheduler(new ScheduledExecutorScheduler("mutual-ws-client-scheduler", true));
        WebSocketClient ws = new WebSocketClient(http);
        ws.setStopAtShutdown(false);
        ws.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        ws.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        ws.setMaxFrameSize(MAX_MESSAGE_BYTES);
        // As on the server: with auto-fragmentation off, an inflated frame larger than the
        // inflater's buffer is dropped; on, memory stays bounded by the message size above.
        ws.setAutoFragment(true);
        // No idle timeout, as with the JDK client before: a mesh link's live stream can be quiet
        // for hours, and the relay decides when an idle connection has lasted long enough.
        ws.setIdleTimeout(Duration.ZERO);
        try {
            // HttpClient first, so that the WebSocket client shares its (daemon) executor and buffers.
            http.start();
            ws.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the WebSocket client: " + e.getMessage(), e);
        }
        return ws;
    }
}
