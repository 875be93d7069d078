package mutual.store;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;

/**
 * NIP-09 deletions and NIP-62 vanish requests as every store applies them to an arriving event:
 * which earlier request refuses it, and in what words. Each store keeps the memory of requests in
 * its own tables and answers the three questions of {@link Memory}.
 */
public final class Refusals {
    public static final int DELETION = 5;
    public static final int VANISH = 62;
    public static final int GIFT_WRAP = 1059;
    /**
     * Community events (founding, membership, proposal, response), which NIP-09 requests neither
     * remove nor refuse: a community's history only grows, and taking an act back is itself an act
     * (docs/protocol.md, "Deletion and vanishing"). A request to vanish covers them like any event.
     */
    public static final int COMMUNITY_FIRST = 1403, COMMUNITY_LAST = 1406;

    public static boolean isCommunity(int kind) {
        return kind >= COMMUNITY_FIRST && kind <= COMMUNITY_LAST;
    }

    private Refusals() {}

    /** What a store remembers of deletion and vanish requests. */
    public interface Memory {
        /** Up to when {@code pubkey} asked to vanish; {@link Long#MIN_VALUE} if never. */
        long vanishedUntil(PubKey pubkey) throws SQLException;

        /** The pubkeys that asked to delete {@code id}. */
        List<byte[]> deleters(EventId id) throws SQLException;

        /** Up to when the address was deleted by its author; {@link Long#MIN_VALUE} if never. */
        long addressDeletedUntil(PubKey pubkey, int kind, String d) throws SQLException;
    }

    /** Why the event may not be stored, if an earlier deletion or vanish request covers it. */
    public static Optional<String> of(Event e, Memory m) throws SQLException {
        if (m.vanishedUntil(e.pubkey()) >= e.createdAt())
            return Optional.of("deleted: its author asked this relay to forget them (NIP-62)");
        if (e.kind() == GIFT_WRAP) {
            for (PubKey to : recipients(e)) {
                if (m.vanishedUntil(to) >= e.createdAt()) return Optional.of("deleted: its recipient asked this relay to forget them (NIP-62)");
            }
        }
        if (e.kind() != DELETION && !isCommunity(e.kind())) { // a deletion request against a deletion request has no effect (NIP-09)
            for (byte[] by : m.deleters(e.id())) {
                boolean author = Arrays.equals(by, e.pubkey().raw());
                boolean recipient = e.kind() == GIFT_WRAP && recipients(e).contains(PubKey.of(by));
                if (author || recipient)
                    return Optional.of("deleted: " + (author ? "its author" : "its recipient") + " asked for its deletion (NIP-09)");
            }
        }
        if (e.kindClass().hasAddress() && m.addressDeletedUntil(e.pubkey(), e.kind(), Address.of(e).d()) >= e.createdAt())
            return Optional.of("deleted: its author deleted this address up to a later time (NIP-09)");
        return Optional.empty();
    }

    /** The pubkeys a gift wrap is for: its {@code p} tags. */
    public static Set<PubKey> recipients(Event e) {
        return e.tagsNamed("p").stream().flatMap(t -> t.value().flatMap(PubKey::fromHex).stream()).collect(Collectors.toSet());
    }
}
