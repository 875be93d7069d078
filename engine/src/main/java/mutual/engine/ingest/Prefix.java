package mutual.engine.ingest;

/**
 * The machine-readable prefixes of {@code OK} and {@code CLOSED} messages (NIP-01, NIP-42,
 * NIP-77). Every reason the node sends starts with one of these, and this is the only place
 * that writes them.
 */
public enum Prefix {
    INVALID("invalid"),
    BLOCKED("blocked"),
    DUPLICATE("duplicate"),
    RATE_LIMITED("rate-limited"),
    RESTRICTED("restricted"),
    AUTH_REQUIRED("auth-required"),
    POW("pow"),
    MUTE("mute"),
    ERROR("error"),
    CLOSED("closed");

    private final String wire;

    Prefix(String wire) {
        this.wire = wire;
    }

    /** The prefix as it appears on the wire, without the colon. */
    public String wire() {
        return wire;
    }

    /** {@code "<prefix>: <reason>"}, the form clients parse. */
    public String format(String reason) {
        return wire + ": " + reason;
    }
}
