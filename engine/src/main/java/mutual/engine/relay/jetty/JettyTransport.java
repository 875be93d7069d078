package mutual.engine.relay.jetty;

import mutual.engine.relay.Transport;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/** A {@link Transport} over one Jetty WebSocket session. */
final class JettyTransport implements Transport {
    private final Session session;
    private final Runnable readable;

    JettyTransport(Session session, Runnable readable) {
        this.session = session;
        this.readable = readable;
    }

    @Override
    public void readable() {
        readable.run();
    }

    @Override
    public void send(String text, Runnable sent) {
        session.sendText(text, Callback.from(sent, failure -> sent.run()));
    }

    @Override
    public void sendBatched(byte[] utf8, Runnable sent) {
        if (session instanceof WebSocketSession s) {
            // What Session.sendText does, with the payload as bytes and Jetty's batch flag set: the
            // frame is flushed by the next unbatched frame (EOSE) or when the batch buffer fills.
            s.getCoreSession().sendFrame(new Frame(OpCode.TEXT).setPayload(utf8),
                    org.eclipse.jetty.util.Callback.from(sent, failure -> sent.run()), true);
        } else {
            Transport.super.sendBatched(utf8, sent);
        }
    }

    @Override
    public void flush() {
        if (session instanceof WebSocketSession s) s.getCoreSession().flush(org.eclipse.jetty.util.Callback.NOOP);
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
