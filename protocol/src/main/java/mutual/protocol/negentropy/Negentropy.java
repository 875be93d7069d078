package mutual.protocol.negentropy;

/**
 * Negentropy range-based set reconciliation, protocol version 1, as NIP-77 uses it
 * (https://github.com/nostr-protocol/nips/blob/master/77.md and the negentropy-protocol-v1
 * specification in hoytech/negentropy). Start here: build a {@link NegentropyStorage} (e.g.
 * {@link VectorStorage}), then make a {@link #client} or a {@link #server} over it.
 * Everything in this package is pure: no I/O, no threads, no global state.
 */
public final class Negentropy {
    /** Version 1, the byte that starts every message. */
    public static final int PROTOCOL_VERSION = 0x61;

    private Negentropy() {}

    public static NegentropyClient client(NegentropyStorage storage) {
        return client(storage, NegentropyConfig.defaults());
    }

    public static NegentropyClient client(NegentropyStorage storage, NegentropyConfig config) {
        return new NegentropyClient(storage, config);
    }

    /** A client for the next round of a session already initiated over this set (see {@link NegentropyClient#resumed}). */
    public static NegentropyClient resumedClient(NegentropyStorage storage, NegentropyConfig config) {
        return NegentropyClient.resumed(storage, config);
    }

    public static NegentropyServer server(NegentropyStorage storage) {
        return server(storage, NegentropyConfig.defaults());
    }

    public static NegentropyServer server(NegentropyStorage storage, NegentropyConfig config) {
        return new NegentropyServer(storage, config);
    }
}
