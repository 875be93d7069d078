package mutual.engine.relay;

import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.store.Viewer;

/**
 * Who may see an event: gift wraps (NIP-59, kind 1059) only their authenticated {@code p}
 * recipient; everything else everyone. The store applies the same rule to queries; the relay
 * checks again before sending anything, stored or live, so a wrap never leaks.
 */
final class Visibility {
    static final int GIFT_WRAP = 1059;

    private Visibility() {}

    static boolean maySee(Viewer viewer, Event e) {
        if (e.kind() != GIFT_WRAP || viewer.seesEverything()) return true;
        for (Tag t : e.tagsNamed("p")) {
            var recipient = t.value().flatMap(PubKey::fromHex);
            if (recipient.isPresent() && viewer.maySee(recipient.get())) return true;
        }
        return false;
    }
}
