package mutual.protocol.negentropy;

/**
 * The answering side (a relay receiving NIP-77 {@code NEG-OPEN}/{@code NEG-MSG}): replies to
 * each client message. It keeps no state between messages (the protocol needs none), but reuses
 * scratch buffers, so it is not thread-safe: make one per session; they are cheap. A message in
 * another protocol version gets the one-byte reply naming ours, so the client can downgrade and retry.
 */
public final class NegentropyServer {
    private final Reconciler reconciler;
    private final NegentropyLimits limits;

    NegentropyServer(NegentropyStorage storage, NegentropyConfig config) {
        this.reconciler = new Reconciler(storage, false, config.frameSizeLimit(), 0);
        this.limits = config.limits();
    }

    /** The reply to one client message; throws {@link NegentropyException} if it is malformed. */
    public byte[] reconcile(byte[] clientMessage) {
        Message in = Message.parse(clientMessage, limits);
        if (!in.isSupportedVersion()) return new byte[] {(byte) Negentropy.PROTOCOL_VERSION};
        return reconciler.reconcile(in, java.util.List.of(), java.util.List.of());
    }
}
