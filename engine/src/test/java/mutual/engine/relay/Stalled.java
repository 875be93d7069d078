package mutual.engine.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link Transport} whose client does not read until the test says so: frames are
 * kept with their completion, which runs only on {@link #drain}. What it holds is what a node
 * would have queued for a client that stopped reading.
 */
final class Stalled implements Transport {
    private record Frame(String text, Runnable sent) {}

    private final List<Frame> waiting = new ArrayList<>();
    private final List<String> read = new ArrayList<>();
    private volatile String closed;

    @Override
    public synchronized void send(String text, Runnable sent) {
        waiting.add(new Frame(text, sent));
    }

    @Override
    public synchronized void sendBatched(byte[] utf8, Runnable sent) {
        waiting.add(new Frame(new String(utf8, StandardCharsets.UTF_8), sent));
    }

    /** The client reads everything waiting (and whatever that lets the node send meanwhile is left for the next call). */
    void drain() {
        List<Frame> now;
        synchronized (this) {
            now = List.copyOf(waiting);
            waiting.clear();
            now.forEach(f -> read.add(f.text()));
        }
        now.forEach(f -> f.sent().run());
    }

    synchronized long waitingBytes() {
        return waiting.stream().mapToLong(f -> f.text().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    synchronized List<String> read() {
        return List.copyOf(read);
    }

    @Override
    public void close(int code, String reason) {
        closed = code + " " + reason;
    }

    /** A cut connection fails what it had queued, as Jetty does. */
    @Override
    public void disconnect() {
        if (closed == null) closed = "disconnected";
        List<Frame> failed;
        synchronized (this) {
            failed = List.copyOf(waiting);
            waiting.clear();
        }
        failed.forEach(f -> f.sent().run());
    }

    String closed() {
        return closed;
    }
}
