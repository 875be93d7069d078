package mutual.engine.mesh.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.Negentropy;
import mutual.protocol.negentropy.NegentropyException;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;

/**
 * The relay side of a {@link LiarNode} for one connection. Each answer is drawn at random from a
 * menu of lies: a plausible negentropy reply over ids it does not have, garbage bytes, a reply
 * under another subscription id, a NEG-ERR, silence; fetches answered with forgeries, unasked
 * events, CLOSED or no EOSE; publishes refused or never answered.
 */
final class LiarSession implements ServerSession {
    private final LiarNode liar;
    private final World world;
    private final SimConnection connection;
    private final Map<String, Filter> live = new LinkedHashMap<>();

    LiarSession(LiarNode liar, SimConnection connection) {
        this.liar = liar;
        this.world = liar.world();
        this.connection = connection;
    }

    /** Random bytes, half the time behind the right version byte so they get past the first check. */
    static byte[] garbage(World world) {
        byte[] b = new byte[world.random.nextInt(48)];
        world.random.nextBytes(b);
        if (b.length > 0 && world.chance(0.5)) b[0] = (byte) Negentropy.PROTOCOL_VERSION;
        return b;
    }

    @Override
    public void receive(ClientMessage message) {
        switch (message) {
            case ClientMessage.Publish p -> {
                liar.heard(p.event());
                double r = world.random.nextDouble();
                if (r < 0.01) world.stats.liarSilences++;
                else if (r < 0.11) connection.toClient(new RelayMessage.Ok(p.event().id(), false, "blocked: not from you"));
                else connection.toClient(new RelayMessage.Ok(p.event().id(), true, ""));
            }
            case ClientMessage.Req r -> request(r);
            case ClientMessage.Close c -> live.remove(c.subscriptionId());
            case ClientMessage.NegOpen n -> negentropy(n.subscriptionId(), n.filter(), n.message());
            case ClientMessage.NegMsg n -> negentropy(n.subscriptionId(), Filter.builder().build(), n.message());
            default -> {}
        }
    }

    private void request(ClientMessage.Req r) {
        String sub = r.subscriptionId();
        Filter f = r.filters().getFirst();
        if (f.ids().isEmpty()) { // a live subscription: forgeries now and later
            live.put(sub, f);
            pushForgery();
            connection.toClient(new RelayMessage.Eose(sub));
            return;
        }
        if (world.chance(0.08)) {
            connection.toClient(new RelayMessage.Closed(sub, "error: not now"));
            return;
        }
        for (EventId id : new TreeSet<>(f.ids().get())) {
            if (liar.claims(id) && world.chance(0.8)) connection.toClient(new RelayMessage.EventMsg(sub, liar.forgeryOf(id)));
        }
        if (world.chance(0.2)) connection.toClient(new RelayMessage.EventMsg(sub, liar.forgery()));
        if (world.chance(0.01)) world.stats.liarSilences++;
        else connection.toClient(new RelayMessage.Eose(sub));
    }

    private void negentropy(String sub, Filter filter, byte[] message) {
        double r = world.random.nextDouble();
        if (r < 0.60) {
            try {
                byte[] reply = Negentropy.server(liar.claimedSet(filter), world.negentropy).reconcile(message);
                connection.toClient(new RelayMessage.NegMsg(sub, reply));
            } catch (NegentropyException e) {
                connection.toClient(new RelayMessage.NegErr(sub, "invalid: " + e.getMessage()));
            }
        } else if (r < 0.72) {
            connection.toClient(new RelayMessage.NegMsg(sub, garbage(world)));
        } else if (r < 0.82) {
            connection.toClient(new RelayMessage.NegErr(sub, "blocked: go away"));
        } else if (r < 0.90) {
            // never the right id by chance: sync ids come from a process-wide counter, and a run must not depend on it
            connection.toClient(new RelayMessage.NegMsg(sub + "-other", garbage(world)));
        } else if (r < 0.95) {
            connection.toClient(new RelayMessage.NegMsg(sub, new byte[] {(byte) (Negentropy.PROTOCOL_VERSION + 1)}));
        } else if (r < 0.99) {
            connection.toClient(new RelayMessage.NegMsg(sub, new byte[0]));
        } else {
            world.stats.liarSilences++;
        }
    }

    /** A forged event down each live subscription of this connection. */
    void pushForgery() {
        for (String sub : live.keySet()) connection.toClient(new RelayMessage.EventMsg(sub, liar.forgery()));
    }

    @Override
    public void closed() {
        live.clear();
        liar.closed(this);
    }
}
