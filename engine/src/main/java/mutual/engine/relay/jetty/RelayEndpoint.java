package mutual.engine.relay.jetty;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import mutual.engine.relay.ClientSession;
import mutual.engine.relay.Relay;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The thin Jetty side of one connection: it hands whole text frames to a {@link ClientSession}
 * and tells it when the socket closes. It reads with explicit demand: the next frame is asked
 * for only when the session {@link ClientSession#mayRead() may read}, so a client that publishes
 * faster than its events are answered waits in TCP's flow control instead of in the heap.
 * Jetty delivers one message at a time per connection, so a session never handles two at once.
 * Public only because Jetty calls it reflectively.
 */
public final class RelayEndpoint implements Session.Listener {
    private static final System.Logger LOG = System.getLogger(RelayEndpoint.class.getName());

    private final Relay relay;
    private final String ip;
    private volatile Session socket;
    private volatile ClientSession session;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** A frame was handled and the next one not asked for yet: exactly one demand per frame. */
    private final AtomicBoolean owed = new AtomicBoolean();

    RelayEndpoint(Relay relay, String ip) {
        this.relay = relay;
        this.ip = ip;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        socket = s;
        session = relay.open(ip, new JettyTransport(s, this::resume));
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        session.onText(text);
        owed.set(true);
        resume();
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        session.onBinary();
        owed.set(true);
        resume();
    }

    /** Answered here because, reading on demand, a ping consumes a demand like any frame. */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        socket.sendPong(copy, Callback.NOOP);
        socket.demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        socket.demand();
    }

    /** Asks for the next frame if one is owed and the session may read it. */
    private void resume() {
        ClientSession s = session;
        if (s == null || !s.mayRead() || !owed.compareAndSet(true, false)) return;
        try {
            socket.demand();
        } catch (RuntimeException e) {
            // A socket closing under us; anything else would be a bug in the one-demand-per-frame rule.
            if (socket.isOpen()) LOG.log(System.Logger.Level.WARNING, "connection from " + ip + ": could not ask for the next frame", e);
        }
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
