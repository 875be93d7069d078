package mutual.app.aid;

import java.util.Map;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.nip19.Nip19;

/**
 * Who a person means when they name someone to write to: an npub, a hex key, or a match (M1 or
 * its ref), which means the other side of that match, so the two sides of a match can talk
 * without ever seeing each other's contact details.
 */
final class Correspondent {
    private Correspondent() {}

    static PubKey resolve(NodeLink link, String given, PubKey me) {
        String g = given.strip();
        if (g.startsWith("npub1") || g.startsWith("nprofile1"))
            return Nip19.parsePubKey(g).orElseThrow(() -> new CliException(ExitCodes.USAGE, "'" + g + "' is not a valid npub"));
        if (ShortRefs.isShort(g, 'M') || g.matches("[0-9a-f]{64}")) {
            try {
                return otherSide(Tree.map(Tree.parse(link.get("/api/matches/" + ShortRefs.match(g), Map.of()))), me);
            } catch (CliException x) {
                if (x.exitCode() != ExitCodes.INVALID || !g.matches("[0-9a-f]{64}")) throw x;
                return PubKey.fromHex(g).orElseThrow(() -> x); // not a match the node knows: a hex public key
            }
        }
        throw new CliException(ExitCodes.USAGE, "write to whom? give an npub1…, a match (M1 from mutual mine, or its ref), got '" + g + "'");
    }

    /** The author of the match's listing that is not {@code me}. */
    static PubKey otherSide(Map<String, Object> match, PubKey me) {
        PubKey need = author(Tree.str(match, "need")), offer = author(Tree.str(match, "offer"));
        if (need.equals(me)) return offer;
        if (offer.equals(me)) return need;
        throw new CliException(ExitCodes.USAGE, "you are neither side of match " + Tree.str(match, "ref") + "; write to one of them by npub instead");
    }

    static PubKey author(String address) {
        return Address.parse(address).map(Address::pubkey)
                .orElseThrow(() -> new CliException(ExitCodes.INTERNAL, "the node returned a malformed address '" + address + "'"));
    }
}
