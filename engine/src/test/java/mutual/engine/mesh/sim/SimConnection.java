package mutual.engine.mesh.sim;

import mutual.protocol.json.Limits;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import mutual.protocol.wire.RelayMessage;
import mutual.protocol.wire.RelayWire;

/**
 * One simulated connection from a client node to a relay node. Messages go as the JSON text a
 * WebSocket would carry (encoded and decoded by the real wire code), each direction in order:
 * a message is delivered no earlier than the one sent before it in the same direction. When the
 * connection is cut, both ends hear of it at once and whatever was in flight is gone.
 */
final class SimConnection {
    private static final ClientWire CLIENT_WIRE = ClientWire.create(Limits.defaults());
    private static final RelayWire RELAY_WIRE = RelayWire.create(Limits.defaults().withMaxMessageBytes(4 << 20));

    private final SimNetwork network;
    private final long id;
    private final Endpoint client;
    private final Endpoint server;
    private final SimChannel clientEnd;
    private ServerSession serverEnd;
    private boolean open = true;
    private long lastToServer;
    private long lastToClient;

    SimConnection(SimNetwork network, long id, Endpoint client, Endpoint server) {
        this.network = network;
        this.id = id;
        this.client = client;
        this.server = server;
        this.clientEnd = new SimChannel(this, network.stats());
    }

    void attach(ServerSession session) {
        this.serverEnd = session;
    }

    long id() {
        return id;
    }

    Endpoint client() {
        return client;
    }

    Endpoint server() {
        return server;
    }

    SimChannel clientEnd() {
        return clientEnd;
    }

    boolean isOpen() {
        return open;
    }

    /** Sends from the client; returns the bytes written (0 once the connection is gone). */
    int toServer(ClientMessage m) {
        if (!open) return 0;
        String text = ClientWire.encode(m);
        log(client.name() + " > " + server.name(), text);
        long at = deliveryTime(true, text.length());
        if (at < 0) return text.length();
        network.time().at(at, () -> {
            if (open) serverEnd.receive(CLIENT_WIRE.decode(text));
        });
        return text.length();
    }

    /** Sends from the relay; returns the bytes written (0 once the connection is gone). */
    int toClient(RelayMessage m) {
        if (!open) return 0;
        String text = RelayWire.encode(m);
        log(client.name() + " < " + server.name(), text);
        long at = deliveryTime(false, text.length());
        if (at < 0) return text.length();
        network.time().at(at, () -> {
            if (open) clientEnd.receive(RELAY_WIRE.decode(text), text.length());
        });
        return text.length();
    }

    /** When the next message in this direction arrives, or -1 when it is lost (and the connection with it). */
    private long deliveryTime(boolean up, int bytes) {
        SimStats stats = network.stats();
        stats.messages++;
        stats.bytes += bytes;
        long at = Math.max(up ? lastToServer : lastToClient, network.time().millis() + network.delay());
        if (up) lastToServer = at;
        else lastToClient = at;
        if (network.lose()) {
            stats.messagesLost++;
            network.time().at(at, () -> cut("a message was lost"));
            return -1;
        }
        return at;
    }

    private void log(String direction, String text) {
        var log = network.log();
        if (log != null) log.accept(network.time().millis() + " #" + id + " " + direction + " " + (text.length() > 160 ? text.substring(0, 160) + "…" : text));
    }

    /** Ends the connection for both sides. */
    void cut(String why) {
        if (!open) return;
        log(client.name() + " x " + server.name(), why);
        open = false;
        network.stats().connectionsCut++;
        network.closed(this);
        if (serverEnd != null) serverEnd.closed();
        clientEnd.lost(why);
    }

    /** The client closed it. */
    void close() {
        if (!open) return;
        log(client.name() + " x " + server.name(), "closed by the client");
        open = false;
        network.closed(this);
        if (serverEnd != null) serverEnd.closed();
        clientEnd.lost("closed by this side");
    }
}
