package mutual.engine.relay;

/** What the node knows about a connection when it opens: a number for logs and the client's address. */
public record ConnectionInfo(long id, String ip) {}
