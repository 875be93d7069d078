package mutual.engine.relay.jetty;

/** A small HTTP answer: a status code and a text body. */
public record HttpReply(int status, String body) {}
