package mutual.protocol.nip49;

/** NIP-49's key security byte: what the encrypting client knew about how the key had been handled. */
public enum KeySecurity {
    /** 0x00: the key is known to have been handled insecurely (stored or pasted unencrypted). */
    KNOWN_INSECURE,
    /** 0x01: the key is not known to have been handled insecurely. */
    NOT_KNOWN_INSECURE,
    /** 0x02: the client does not track this. */
    UNTRACKED;

    public byte code() {
        return (byte) ordinal();
    }

    static KeySecurity of(byte code) {
        if (code < 0 || code > 2) throw new Nip49Exception("unknown key security byte 0x" + String.format("%02x", code & 0xff));
        return values()[code];
    }
}
