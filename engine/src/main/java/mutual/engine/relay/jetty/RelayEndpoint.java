package mutual.engine.relay.jetty;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import mutual.engine.relay.ClientSession;
import mutual.engine.relay.Relay;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The thin Jetty side of one connection: it hands whole text frames to a {@link ClientSession}
 * and tells it when the socket closes. Jetty delivers one message at a time per connection, so
 * a session never handles two messages at once. Public only because Jetty calls it reflectively.
 */
public final class RelayEndpoint implements Session.Listener.AutoDemanding {
    private static final System.Logger LOG = System.getLogger(RelayEndpoint.class.getName());

    private final Relay relay;
    private final String ip;
    private volatile ClientSession session;
    private final AtomicBoolean ended = new AtomicBoolean();

    RelayEndpoint(Relay relay, String ip) {
        this.relay = relay;
        this.ip = ip;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = relay.open(ip, new JettyTransport(s));
    }

    @Override
    public void onWebSocketText(String text) {
        session.onText(text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        session.onBinary();
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
        closed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "connection from " + ip + " failed: " + cause);
        closed();
    }

    private void closed() {
        ClientSession s = session;
        if (s != null && ended.compareAndSet(false, true)) s.onClose();
    }
}
