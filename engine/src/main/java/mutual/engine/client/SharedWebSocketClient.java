package mutual.engine.client;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
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

    static WebSocketClient get() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final WebSocketClient CLIENT = start();
    }

    private static WebSocketClient start() {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("mutual-ws-client");
        pool.setDaemon(true);
        HttpClient http = new HttpClient();
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
