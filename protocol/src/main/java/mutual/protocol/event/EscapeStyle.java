package mutual.protocol.event;

/**
 * The two readings of NIP-01's string escaping for control characters other than the seven it
 * names (nips issue #1403). Mutual writes {@link #JSON_STRINGIFY}, as nostr-tools and most clients
 * do, and accepts an id computed under either (docs/protocol.md, "Canonical serialization").
 */
public enum EscapeStyle {
    /** Other control characters as {@code &#92;u00xx}, like ECMAScript's JSON.stringify. */
    JSON_STRINGIFY,
    /** Other control characters as raw bytes, as NIP-01's text reads literally. */
    NIP01_LITERAL
}
