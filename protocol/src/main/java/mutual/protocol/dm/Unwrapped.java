package mutual.protocol.dm;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;

/** An opened gift wrap: the rumor, and the seal that vouches for its author. */
public record Unwrapped(Rumor rumor, Event seal, Event wrap) {
    /** The authenticated author: the seal's signer, which unwrapping has checked equals the rumor's pubkey. */
    public PubKey sender() {
        return seal.pubkey();
    }
}
