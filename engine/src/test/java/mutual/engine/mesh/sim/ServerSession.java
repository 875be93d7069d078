package mutual.engine.mesh.sim;

import mutual.protocol.wire.ClientMessage;

/** The relay end of one simulated connection: what a node does with a client's messages. */
interface ServerSession {
    void receive(ClientMessage message);

    /** The connection is gone; nothing more arrives and nothing sent gets through. */
    void closed();
}
