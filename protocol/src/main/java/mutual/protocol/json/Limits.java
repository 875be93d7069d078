package mutual.protocol.json;

/**
 * Hard limits every decoder applies before it allocates for untrusted input. The defaults fit
 * gift-wrapped messages with NIP-44's largest plaintext (65535 bytes) and ordinary relays' filters.
 */
public record Limits(
        int maxMessageBytes,
        int maxDepth,
        int maxTags,
        int maxTagElements,
        int maxTagElementChars,
        int maxContentChars,
        int maxSubscriptionIdChars,
        int maxFilters,
        int maxFilterValues) {

    public static Limits defaults() {
        return new Limits(512 * 1024, 8, 2500, 64, 65536, 262144, 64, 20, 1000);
    }

    public Limits withMaxMessageBytes(int n) {
        return new Limits(n, maxDepth, maxTags, maxTagElements, maxTagElementChars, maxContentChars, maxSubscriptionIdChars, maxFilters, maxFilterValues);
    }
}
