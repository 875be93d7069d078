package mutual.engine.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mutual.engine.ingest.Prefix;
import mutual.engine.sync.SyncSession;
import mutual.engine.sync.SyncSessions;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.NegentropyException;
import mutual.protocol.wire.RelayMessage;

/**
 * NEG-OPEN, NEG-MSG and NEG-CLOSE for one connection (NIP-77 negentropy sync,
 * https://github.com/nostr-protocol/nips/blob/master/77.md). Each reply is a NEG-MSG; any
 * failure closes that session with a NEG-ERR and leaves the connection and its other sessions alone.
 */
final class Reconciliations {
    private final Relay relay;
    private final ClientSession session;
    private final Map<String, SyncSession> open = new ConcurrentHashMap<>();

    Reconciliations(Relay relay, ClientSession session) {
        this.relay = relay;
        this.session = session;
    }

    void open(String id, Filter filter, byte[] message) {
        open.remove(id); // NIP-77: a NEG-OPEN with an open id replaces that session
        int max = relay.config().maxSyncSessions();
        if (open.size() >= max) {
            error(id, Prefix.RATE_LIMITED.format("too many open syncs on this connection (limit " + max + "); NEG-CLOSE one first"));
            return;
        }
        switch (relay.syncSessions().open(filter, session.viewer())) {
            case SyncSessions.Opened.Refused r -> error(id, r.refusal().text());
            case SyncSessions.Opened.Ok ok -> {
                open.put(id, ok.session());
                answer(id, ok.session(), message);
            }
        }
    }

    void message(String id, byte[] message) {
        SyncSession s = open.get(id);
        if (s == null) {
            error(id, Prefix.CLOSED.format("no open sync with this id; send NEG-OPEN first"));
            return;
        }
        answer(id, s, message);
    }

    void close(String id) {
        open.remove(id);
    }

    void closeAll() {
        open.clear();
    }

    private void answer(String id, SyncSession s, byte[] message) {
        byte[] reply;
        try {
            reply = s.reconcile(message);
        } catch (NegentropyException e) {
            open.remove(id);
            error(id, Prefix.INVALID.format("bad negentropy message: " + e.getMessage()));
            return;
        }
        session.out().send(new RelayMessage.NegMsg(id, reply));
    }

    private void error(String id, String reason) {
        session.out().send(new RelayMessage.NegErr(id, reason));
    }
}
