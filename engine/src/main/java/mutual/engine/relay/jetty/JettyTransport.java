package mutual.engine.relay.jetty;

import mutual.engine.relay.Transport;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A {@link Transport} over one Jetty WebSocket session. */
final class JettyTransport implements Transport {
    private final Session session;

    JettyTransport(Session session) {
        this.session = session;
    }

    @Override
    public void send(String text, Runnable sent) {
        session.sendText(text, Callback.from(sent, failure -> sent.run()));
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void disconnect() {
        session.disconnect();
    }
}
