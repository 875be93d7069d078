package mutual.protocol.nip44;

/**
 * A NIP-44 payload that cannot be encrypted or decrypted; the message names the reason (bad MAC,
 * unsupported version, bad padding, size out of range). No stack trace: the input is at fault.
 */
public final class Nip44Exception extends RuntimeException {
    public Nip44Exception(String reason) {
        super(reason, null, false, false);
    }
}
