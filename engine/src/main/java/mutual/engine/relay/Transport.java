package mutual.engine.relay;

/**
 * The network side of one connection, as a {@link ClientSession} needs it. The Jetty adapter
 * implements it; tests and the fuzzer implement it in memory.
 */
public interface Transport {
    /** Sends one text frame without blocking; {@code sent} runs once it has left (or failed). */
    void send(String text, Runnable sent);

    /**
     * Like {@link #send}, for text already encoded as UTF-8 (a stored event goes out as the bytes
     * the store holds, not copied into a String and back), and the frame may wait in a buffer for the next {@link #send}, so that
     * a burst (the stored answer to a REQ, before its EOSE) leaves in a few writes, not one each.
     */
    default void sendBatched(byte[] utf8, Runnable sent) {
        send(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), sent);
    }

    /**
     * The session can take another message ({@link ClientSession#mayRead()} may have turned true):
     * a transport that stopped reading for it starts again. Called from any thread, often.
     */
    default void readable() {}

    /** Sends what {@link #sendBatched} left waiting in the batch buffer, without another frame. */
    default void flush() {}

    /** Closes politely with a WebSocket status code. */
    void close(int code, String reason);

    /** Drops the connection at once, for peers that stopped reading. */
    void disconnect();
}
