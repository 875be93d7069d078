package mutual.protocol.community;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/**
 * A new key for a person who lost theirs, as their community knows them (docs/protocol.md, "A
 * lost or stolen key"): a {@code join} may carry {@code ["successor-of", <old key>]} ("I am the
 * person who held that key"), and a {@code vouch} the same tag ("I know this new key is the
 * person who held that key"). The tally counts them as any join and vouch; readers show them
 * beside the old key, and say whether each voucher was a member when they vouched.
 */
public final class Succession {
    public static final String TAG = "successor-of";

    private Succession() {}

    /** One member act that names an old key: who says so, for which new key, in which community. */
    public record Claim(EventId community, PubKey oldKey, PubKey newKey, PubKey by, long at, boolean join) {}

    /**
     * Checks the tag on a parsed act: only on a join or a vouch, at most once, a valid key, and
     * not the key the act is about (nobody succeeds themselves).
     */
    static Optional<PubKey> check(Event e, MemberAct.Act act, PubKey about) {
        List<Tag> ts = e.tagsNamed(TAG);
        if (ts.isEmpty()) return Optional.empty();
        if (act != MemberAct.Act.JOIN && act != MemberAct.Act.VOUCH)
            throw new CommunityException("a " + act.label() + " cannot carry a " + TAG + " tag, only a join or a vouch");
        if (ts.size() > 1) throw new CommunityException("more than one " + TAG + " tag");
        String v = ts.get(0).value().orElse("");
        PubKey old = PubKey.fromHex(v).orElseThrow(() -> new CommunityException(TAG + " '" + v + "' is not a public key"));
        if (old.equals(about)) throw new CommunityException("a key cannot be its own successor");
        return Optional.of(old);
    }

    /** The claims among {@code events} (any kinds; invalid community events are left out) that name {@code oldKey}. */
    public static List<Claim> about(PubKey oldKey, Collection<Event> events) {
        List<Claim> out = new ArrayList<>();
        for (Event e : events) {
            if (e.kind() != CommunityKinds.MEMBER || e.tagsNamed(TAG).isEmpty()) continue;
            MemberAct a;
            try {
                if (!(CommunityParser.parse(e) instanceof MemberAct m)) continue;
                a = m;
            } catch (CommunityException x) {
                continue;
            }
            Optional<PubKey> old = check(e, a.act(), a.person());
            if (old.isPresent() && old.get().equals(oldKey)) out.add(new Claim(a.community(), oldKey, a.person(), a.author(), a.createdAt(), a.act() == MemberAct.Act.JOIN));
        }
        return out;
    }
}
