package mutual.engine.relay;

import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link Transport}: keeps every frame sent, and whether the connection was closed. */
final class Recorder implements Transport {
    private final List<String> sent = new ArrayList<>();
    private volatile String closed;

    @Override
    public synchronized void send(String text, Runnable done) {
        sent.add(text);
        done.run();
    }

    @Override
    public void close(int code, String reason) {
        closed = code + " " + reason;
    }

    @Override
    public void disconnect() {
        closed = "disconnected";
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    String closed() {
        return closed;
    }
}
