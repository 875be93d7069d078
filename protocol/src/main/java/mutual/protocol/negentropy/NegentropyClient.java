package mutual.protocol.negentropy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.event.EventId;

/**
 * The initiating side (NIP-77 {@code NEG-OPEN} sender): writes the first message, then turns
 * each server message into have/need ids and the next message. Not thread-safe; one per session.
 */
public final class NegentropyClient {
    private final Reconciler reconciler;
    private final NegentropyLimits limits;
    private boolean initiated;
    private boolean done;

    NegentropyClient(NegentropyStorage storage, NegentropyConfig config) {
        this.reconciler = new Reconciler(storage, true, config.frameSizeLimit(), config.pace());
        this.limits = config.limits();
    }

    /**
     * A client that continues a session begun by another client over the same set: the protocol
     * keeps no state between messages, so a node can answer each round over a fresh view of a set
     * that changes meanwhile instead of holding one copy for the whole session.
     */
    static NegentropyClient resumed(NegentropyStorage storage, NegentropyConfig config) {
        NegentropyClient c = new NegentropyClient(storage, config);
        c.initiated = true;
        return c;
    }

    /** The first message, covering the whole set; call once. */
    public byte[] initiate() {
        if (initiated) throw new IllegalStateException("initiate() was already called");
        initiated = true;
        return reconciler.initiate();
    }

    /** Processes one server message; throws {@link NegentropyException} if it is malformed. */
    public ClientStep reconcile(byte[] serverMessage) {
        if (!initiated) throw new IllegalStateException("call initiate() first");
        if (done) throw new IllegalStateException("reconciliation is already complete");
        Message in = Message.parse(serverMessage, limits);
        if (!in.isSupportedVersion()) {
            throw new NegentropyException(String.format(
                    "server speaks negentropy protocol version 0x%02x; this client speaks only 0x%02x", in.version(), Negentropy.PROTOCOL_VERSION));
        }
        List<EventId> have = new ArrayList<>(), need = new ArrayList<>();
        byte[] out = reconciler.reconcile(in, have, need);
        done = out.length == 1; // only the version byte: nothing left to ask
        return new ClientStep(done ? Optional.empty() : Optional.of(out), have, need);
    }

    public boolean isDone() {
        return done;
    }
}
