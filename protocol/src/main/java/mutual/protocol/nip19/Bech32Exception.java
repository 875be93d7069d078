package mutual.protocol.nip19;

/**
 * A bech32 string or NIP-19 entity that cannot be decoded or encoded. The message says why, in
 * words a person pasting a key can act on; there is no stack trace because the input, not the
 * program, is wrong.
 */
public final class Bech32Exception extends RuntimeException {
    public Bech32Exception(String reason) {
        super(reason, null, false, false);
    }
}
