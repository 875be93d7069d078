package mutual.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.store.KeyChange;

/**
 * NIP-09 deletion requests and NIP-62 requests to vanish, inside the writer's transaction, as the
 * SQLite store applies them: what they remove (reported to {@code removed}), and the memory of
 * them that refuses the removed events when they are sent again.
 */
final class PgDeletions {
    static final int DELETION = 5;
    static final int VANISH = 62;
    static final int GIFT_WRAP = 1059;
    private static final String REMOVED = " RETURNING created_at, id, kind";

    private final Connection c;
    private final List<KeyChange> removed;

    PgDeletions(Connection c, List<KeyChange> removed) {
        this.c = c;
        this.removed = removed;
    }

    /** Why the event may not be stored, if an earlier deletion or vanish request covers it. */
    Optional<String> refusal(Event e) throws SQLException {
        if (vanishedUntil(e.pubkey()) >= e.createdAt())
            return Optional.of("deleted: its author asked this relay to forget them (NIP-62)");
        if (e.kind() == GIFT_WRAP) {
            for (PubKey to : recipients(e)) {
                if (vanishedUntil(to) >= e.createdAt()) return Optional.of("deleted: its recipient asked this relay to forget them (NIP-62)");
            }
        }
        if (e.kind() != DELETION) { // a deletion request against a deletion request has no effect (NIP-09)
            try (PreparedStatement p = c.prepareStatement("SELECT pubkey FROM deleted_ids WHERE id = ?")) {
                p.setBytes(1, e.id().raw());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        byte[] by = r.getBytes(1);
                        boolean author = Arrays.equals(by, e.pubkey().raw());
                        boolean recipient = e.kind() == GIFT_WRAP && recipients(e).contains(PubKey.of(by));
                        if (author || recipient)
                            return Optional.of("deleted: " + (author ? "its author" : "its recipient") + " asked for its deletion (NIP-09)");
                    }
                }
            }
        }
        if (e.kindClass().hasAddress()) {
            try (PreparedStatement p = c.prepareStatement("SELECT until FROM deleted_addresses WHERE pubkey = ? AND kind = ? AND d_tag = ?")) {
                p.setBytes(1, e.pubkey().raw());
                p.setInt(2, e.kind());
                p.setString(3, Address.of(e).d());
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && r.getLong(1) >= e.createdAt())
                        return Optional.of("deleted: its author deleted this address up to a later time (NIP-09)");
                }
            }
        }
        return Optional.empty();
    }

    /** Carries out a kind 5 request being stored: removes what it names and remembers it. */
    void delete(Event request) throws SQLException {
        byte[] author = request.pubkey().raw();
        boolean mayDeleteGiftWraps = request.tags().stream()
                .anyMatch(t -> t.name().equals("k") && t.value().filter(v -> v.equals("1059")).isPresent());
        for (Tag t : request.tagsNamed("e")) {
            Optional<EventId> id = t.value().flatMap(EventId::fromHex);
            if (id.isEmpty()) continue;
            update("INSERT INTO deleted_ids (id, pubkey, deleted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", id.get().raw(), author,
                    request.createdAt());
            // Only the author's own events, except that a gift wrap's recipient may delete their copy.
            remove("DELETE FROM events e WHERE e.id = ? AND e.kind <> 5 AND (e.pubkey = ? OR (e.kind = 1059 AND ? AND "
                    + "EXISTS (SELECT 1 FROM tags t WHERE t.event = e.seq AND t.name = 'p' AND t.value = ?)))",
                    id.get().raw(), author, mayDeleteGiftWraps, request.pubkey().hex());
        }
        for (Tag t : request.tagsNamed("a")) {
            Optional<Address> a = t.value().flatMap(Address::parse);
            if (a.isEmpty() || !a.get().pubkey().equals(request.pubkey())) continue;
            KindClass kc = KindClass.of(a.get().kind());
            if (kc != KindClass.REPLACEABLE && kc != KindClass.ADDRESSABLE) continue;
            String d = kc == KindClass.ADDRESSABLE ? a.get().d() : "";
            remove("DELETE FROM events WHERE pubkey = ? AND kind = ? AND d_tag = ? AND created_at <= ?", author, a.get().kind(), d,
                    request.createdAt());
            update("INSERT INTO deleted_addresses (pubkey, kind, d_tag, until) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (pubkey, kind, d_tag) DO UPDATE SET until = GREATEST(deleted_addresses.until, excluded.until)",
                    author, a.get().kind(), d, request.createdAt());
        }
    }

    /** NIP-62: removes every event of {@code pubkey} up to {@code until} and the gift wraps to it; refuses them from now on. */
    void vanish(PubKey pubkey, long until) throws SQLException {
        remove("DELETE FROM events WHERE pubkey = ? AND created_at <= ?", pubkey.raw(), until);
        remove("DELETE FROM events e WHERE e.kind = 1059 AND e.created_at <= ? AND e.seq IN"
                + " (SELECT t.event FROM tags t WHERE t.name = 'p' AND left(t.value, 256) = ? AND t.value = ?)", until, pubkey.hex(), pubkey.hex());
        // The ids it asked to delete are its own past too; the vanish row now refuses them.
        update("DELETE FROM deleted_ids WHERE pubkey = ? AND deleted_at <= ?", pubkey.raw(), until);
        update("DELETE FROM deleted_addresses WHERE pubkey = ? AND until <= ?", pubkey.raw(), until);
        update("INSERT INTO vanished (pubkey, until) VALUES (?, ?)"
                + " ON CONFLICT (pubkey) DO UPDATE SET until = GREATEST(vanished.until, excluded.until)", pubkey.raw(), until);
    }

    private long vanishedUntil(PubKey pubkey) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT until FROM vanished WHERE pubkey = ?")) {
            p.setBytes(1, pubkey.raw());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : Long.MIN_VALUE;
            }
        }
    }

    /** Runs a DELETE on events, reporting each removed row. */
    void remove(String sql, Object... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql + REMOVED)) {
            PgWriter.bind(p, params);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) removed.add(new KeyChange(false, r.getLong(1), EventId.of(r.getBytes(2)), r.getInt(3)));
            }
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            PgWriter.bind(p, params);
            p.executeUpdate();
        }
    }

    static Set<PubKey> recipients(Event e) {
        return e.tagsNamed("p").stream().flatMap(t -> t.value().flatMap(PubKey::fromHex).stream()).collect(Collectors.toSet());
    }
}
