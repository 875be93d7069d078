package mutual.engine.relay;

/**
 * The network side of one connection, as a {@link ClientSession} needs it. The Jetty adapter
 * implements it; tests and the fuzzer implement it in memory.
 */
public interface Transport {
    /** Sends one text frame without blocking; {@code sent} runs once it has left (or failed). */
    void send(String text, Runnable sent);

    /**
     * Like {@link #send}, but the frame may wait in a buffer for the next {@link #send}, so that
     * a burst (the stored answer to a REQ, before its EOSE) leaves in a few writes, not one each.
     */
    default void sendBatched(String text, Runnable sent) {
        send(text, sent);
    }

    /** Closes politely with a WebSocket status code. */
    void close(int code, String reason);

    /** Drops the connection at once, for peers that stopped reading. */
    void disconnect();
}
