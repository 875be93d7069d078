package mutual.engine.mesh.sim;

/** A node as the simulated network sees it: an address that is up or down and accepts connections. */
interface Endpoint {
    String name();

    String url();

    boolean isUp();

    /** Counts restarts: a connection attempt made before a crash must not complete after it. */
    int incarnation();

    /** The relay side of a new incoming connection. Called only while this node is up. */
    ServerSession accept(SimConnection connection);
}
