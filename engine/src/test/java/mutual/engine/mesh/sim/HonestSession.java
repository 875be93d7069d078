package mutual.engine.mesh.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mutual.engine.ingest.Source;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyException;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;

/**
 * The relay side of an honest node for one incoming connection, as the real relay answers:
 * EVENT goes through the node's ingest and gets its OK (or, past the seed's bound on events
 * awaiting their OK, a {@code rate-limited:} refusal that the sender must retry); REQ gets the stored matches, EOSE, then
 * live events until CLOSE; NEG-OPEN and NEG-MSG are answered by the real negentropy server over
 * the node's set as it is when each message arrives (gift wraps excluded), a malformed message
 * closing that sync with NEG-ERR.
 */
final class HonestSession implements ServerSession {
    private final SimNode node;
    private final SimNode.Life life;
    private final SimConnection connection;
    private final Source.Client source;
    private final Map<String, List<Filter>> subscriptions = new LinkedHashMap<>();
    private final Map<String, Filter> syncs = new LinkedHashMap<>();
    private int inFlight;

    HonestSession(SimNode node, SimNode.Life life, SimConnection connection) {
        this.node = node;
        this.life = life;
        this.connection = connection;
        this.source = new Source.Client(connection.id(), connection.client().name(), Set.of());
    }

    @Override
    public void receive(ClientMessage message) {
        switch (message) {
            case ClientMessage.Publish p -> {
                if (inFlight >= node.world().maxInFlightPerConnection) {
                    node.stats().refusedInFlight++;
                    connection.toClient(new RelayMessage.Ok(p.event().id(), false, "rate-limited: too many events awaiting their OK on this connection"));
                    return;
                }
                node.world().pushed(connection.client().name(), node.name(), p.event());
                inFlight++;
                life.submit(p.event(), source).whenComplete((o, t) -> {
                    inFlight--;
                    if (o != null) connection.toClient(new RelayMessage.Ok(o.id(), o.accepted(), o.message()));
                });
            }
            case ClientMessage.Req r -> {
                for (Filter f : r.filters()) {
                    List<Event> stored = node.query(f);
                    // NIP-01: limit bounds the stored answer; 0 asks for live events only, as the mesh's live stream does.
                    int limit = f.limit().orElse(Integer.MAX_VALUE);
                    for (Event e : stored.subList(0, Math.min(limit, stored.size()))) sendEvent(r.subscriptionId(), e);
                }
                connection.toClient(new RelayMessage.Eose(r.subscriptionId()));
                subscriptions.put(r.subscriptionId(), r.filters());
            }
            case ClientMessage.Close c -> subscriptions.remove(c.subscriptionId());
            case ClientMessage.NegOpen n -> {
                syncs.put(n.subscriptionId(), n.filter());
                answer(n.subscriptionId(), n.filter(), n.message());
            }
            case ClientMessage.NegMsg n -> {
                Filter f = syncs.get(n.subscriptionId());
                if (f == null) connection.toClient(new RelayMessage.NegErr(n.subscriptionId(), "closed: no open sync with this id; send NEG-OPEN first"));
                else answer(n.subscriptionId(), f, n.message());
            }
            case ClientMessage.NegClose n -> syncs.remove(n.subscriptionId());
            case ClientMessage.Auth a -> connection.toClient(new RelayMessage.Ok(a.event().id(), false, "error: no AUTH here"));
            case ClientMessage.Count c -> connection.toClient(new RelayMessage.Closed(c.subscriptionId(), "error: no COUNT here"));
        }
    }

    private void answer(String id, Filter filter, byte[] message) {
        byte[] reply;
        try {
            reply = Negentropy.server(node.set(filter), node.negentropy()).reconcile(message);
        } catch (NegentropyException e) {
            syncs.remove(id);
            node.stats().negentropyErrors++;
            connection.toClient(new RelayMessage.NegErr(id, "invalid: bad negentropy message: " + e.getMessage()));
            return;
        }
        node.stats().written(node.name(), reply);
        connection.toClient(new RelayMessage.NegMsg(id, reply));
    }

    /** A newly accepted event of the node, for the live subscriptions it matches. */
    void live(Event e) {
        for (Map.Entry<String, List<Filter>> s : subscriptions.entrySet()) {
            if (s.getValue().stream().anyMatch(f -> f.matches(e))) sendEvent(s.getKey(), e);
        }
    }

    private void sendEvent(String subscription, Event e) {
        node.world().pulled(connection.client().name(), node.name(), e);
        connection.toClient(new RelayMessage.EventMsg(subscription, e));
    }

    @Override
    public void closed() {
        subscriptions.clear();
        syncs.clear();
        life.sessions.remove(this);
    }
}
