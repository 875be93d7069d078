package mutual.protocol.nip49;

/** An ncryptsec that cannot be made or opened; the message says why (wrong password, bad format, cost too high). */
public final class Nip49Exception extends RuntimeException {
    public Nip49Exception(String reason) {
        super(reason, null, false, false);
    }
}
