package mutual.protocol.event;

/** How a relay keeps events of a kind (NIP-01 "Kinds"). */
public enum KindClass {
    /** Every event is kept. */
    REGULAR,
    /** Only the latest event per pubkey and kind is kept. */
    REPLACEABLE,
    /** Not stored; only passed to live subscribers. */
    EPHEMERAL,
    /** Only the latest event per pubkey, kind and {@code d} tag is kept. */
    ADDRESSABLE;

    public static final int MAX_KIND = 65535;

    public static KindClass of(int kind) {
        if (kind == 0 || kind == 3 || (kind >= 10000 && kind < 20000)) return REPLACEABLE;
        if (kind >= 20000 && kind < 30000) return EPHEMERAL;
        if (kind >= 30000 && kind < 40000) return ADDRESSABLE;
        return REGULAR;
    }

    /** Whether events of this class have an address (NIP-01 {@code kind:pubkey:d}) and replace each other by it. */
    public boolean hasAddress() {
        return this == REPLACEABLE || this == ADDRESSABLE;
    }
}
