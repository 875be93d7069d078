package mutual.engine.ingest;

/**
 * What an admission rule decides about one event (STYLE.md item 4): accept it, reject it with a
 * NIP-01 prefix and a reason, or shadow-reject it (tell the sender it was accepted, but neither
 * store nor broadcast it).
 */
public sealed interface Verdict {
    record Accept() implements Verdict {}

    record Reject(Prefix prefix, String reason) implements Verdict {
        /** The reason as sent to clients, prefix included. */
        public String message() {
            return prefix.format(reason);
        }
    }

    /** {@code why} is for logs and metrics only; the sender never sees it. */
    record ShadowReject(String why) implements Verdict {}

    Accept ACCEPT = new Accept();

    static Verdict accept() {
        return ACCEPT;
    }

    static Verdict reject(Prefix prefix, String reason) {
        return new Reject(prefix, reason);
    }

    static Verdict invalid(String reason) {
        return new Reject(Prefix.INVALID, reason);
    }
}
