package mutual.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.store.Refusals;

/**
 * NIP-09 deletion requests and NIP-62 requests to vanish, inside the writer's transaction: what
 * they remove, and the memory of them that refuses the removed events when they are sent again.
 * A deletion request does not remove a community event (kinds 1403 to 1406): a community's
 * history only grows, and taking an act back is itself an act (docs/protocol.md, "Deletion and
 * vanishing"). A request to vanish removes everything its author wrote, community events too.
 */
final class Deletions {
    static final int DELETION = Refusals.DELETION;
    static final int VANISH = Refusals.VANISH;
    static final int GIFT_WRAP = Refusals.GIFT_WRAP;
    static final int COMMUNITY_FIRST = Refusals.COMMUNITY_FIRST, COMMUNITY_LAST = Refusals.COMMUNITY_LAST;

    private final Statements st;
    /**
     * Whether each memory table has any row, read at the start of every write transaction (so
     * rows another process wrote count too): most nodes hold few deletions, and an empty table
     * saves its lookup for every event of the batch.
     */
    private boolean anyVanished = true, anyDeletedIds = true, anyDeletedAddresses = true;

    Deletions(Statements st) {
        this.st = st;
    }

    /** Called inside each write transaction, before its events. */
    void refresh() throws SQLException {
        anyVanished = exists("SELECT EXISTS (SELECT 1 FROM vanished)");
        anyDeletedIds = exists("SELECT EXISTS (SELECT 1 FROM deleted_ids)");
        anyDeletedAddresses = exists("SELECT EXISTS (SELECT 1 FROM deleted_addresses)");
    }

    private boolean exists(String sql) throws SQLException {
        try (ResultSet r = st.get(sql).executeQuery()) {
            return r.next() && r.getBoolean(1);
        }
    }

    /** Why the event may not be stored, if an earlier deletion or vanish request covers it. */
    Optional<String> refusal(Event e) throws SQLException {
        return Refusals.of(e, memory);
    }

    /** The memory tables, with a lookup saved whenever a table is empty. */
    private final Refusals.Memory memory = new Refusals.Memory() {
        @Override
        public long vanishedUntil(PubKey pubkey) throws SQLException {
            return Deletions.this.vanishedUntil(pubkey.raw());
        }

        @Override
        public List<byte[]> deleters(EventId id) throws SQLException {
            List<byte[]> out = new ArrayList<>();
            if (!anyDeletedIds) return out;
            PreparedStatement p = st.get("SELECT pubkey FROM deleted_ids WHERE id = ?");
            p.setBytes(1, id.raw());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getBytes(1));
            }
            return out;
        }

        @Override
        public long addressDeletedUntil(PubKey pubkey, int kind, String d) throws SQLException {
            if (!anyDeletedAddresses) return Long.MIN_VALUE;
            PreparedStatement p = st.get("SELECT until FROM deleted_addresses WHERE pubkey = ? AND kind = ? AND d_tag = ?");
            p.setBytes(1, pubkey.raw());
            p.setInt(2, kind);
            p.setString(3, d);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : Long.MIN_VALUE;
            }
        }
    };

    /** Carries out a kind 5 request being stored: removes what it names and remembers it. */
    void delete(Event request) throws SQLException {
        byte[] author = request.pubkey().raw();
        boolean mayDeleteGiftWraps = request.tags().stream()
                .anyMatch(t -> t.name().equals("k") && t.value().filter(v -> v.equals("1059")).isPresent());
        for (Tag t : request.tagsNamed("e")) {
            Optional<EventId> id = t.value().flatMap(EventId::fromHex);
            if (id.isEmpty()) continue;
            PreparedStatement remember = st.get("INSERT OR IGNORE INTO deleted_ids (id, pubkey, deleted_at) VALUES (?, ?, ?)");
            remember.setBytes(1, id.get().raw());
            remember.setBytes(2, author);
            remember.setLong(3, request.createdAt());
            remember.executeUpdate();
            anyDeletedIds = true;
            // Only the author's own events, except that a gift wrap's recipient may delete their copy.
            PreparedStatement p = st.get("DELETE FROM events WHERE id = ? AND kind <> 5 AND kind NOT BETWEEN " + COMMUNITY_FIRST + " AND " + COMMUNITY_LAST
                    + " AND (pubkey = ? OR (kind = 1059 AND ? AND "
                    + "EXISTS (SELECT 1 FROM tags t WHERE t.event = events.seq AND t.name = 'p' AND t.value = ?)))");
            p.setBytes(1, id.get().raw());
            p.setBytes(2, author);
            p.setBoolean(3, mayDeleteGiftWraps);
            p.setString(4, request.pubkey().hex());
            p.executeUpdate();
        }
        for (Tag t : request.tagsNamed("a")) {
            Optional<Address> a = t.value().flatMap(Address::parse);
            if (a.isEmpty() || !a.get().pubkey().equals(request.pubkey())) continue;
            KindClass kc = KindClass.of(a.get().kind());
            if (kc != KindClass.REPLACEABLE && kc != KindClass.ADDRESSABLE) continue;
            String d = kc == KindClass.ADDRESSABLE ? a.get().d() : "";
            PreparedStatement p = st.get("DELETE FROM events WHERE pubkey = ? AND kind = ? AND d_tag = ? AND created_at <= ?");
            p.setBytes(1, author);
            p.setInt(2, a.get().kind());
            p.setString(3, d);
            p.setLong(4, request.createdAt());
            p.executeUpdate();
            PreparedStatement remember = st.get("INSERT INTO deleted_addresses (pubkey, kind, d_tag, until) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (pubkey, kind, d_tag) DO UPDATE SET until = MAX(until, excluded.until)");
            remember.setBytes(1, author);
            remember.setInt(2, a.get().kind());
            remember.setString(3, d);
            remember.setLong(4, request.createdAt());
            remember.executeUpdate();
            anyDeletedAddresses = true;
        }
    }

    /**
     * NIP-62: removes every event of {@code pubkey} up to {@code until}, deletion requests
     * included, and the gift wraps addressed to it; refuses them from now on. Returns how many.
     */
    int vanish(PubKey pubkey, long until) throws SQLException {
        PreparedStatement own = st.get("DELETE FROM events WHERE pubkey = ? AND created_at <= ?");
        own.setBytes(1, pubkey.raw());
        own.setLong(2, until);
        int n = own.executeUpdate();
        PreparedStatement wraps = st.get("DELETE FROM events WHERE kind = 1059 AND seq IN "
                + "(SELECT t.event FROM tags t WHERE t.name = 'p' AND t.value = ? AND t.created_at <= ?)");
        wraps.setString(1, pubkey.hex());
        wraps.setLong(2, until);
        n += wraps.executeUpdate();
        // The ids it asked to delete are its own past too; the vanish row now refuses them.
        PreparedStatement ids = st.get("DELETE FROM deleted_ids WHERE pubkey = ? AND deleted_at <= ?");
        ids.setBytes(1, pubkey.raw());
        ids.setLong(2, until);
        ids.executeUpdate();
        PreparedStatement addresses = st.get("DELETE FROM deleted_addresses WHERE pubkey = ? AND until <= ?");
        addresses.setBytes(1, pubkey.raw());
        addresses.setLong(2, until);
        addresses.executeUpdate();
        PreparedStatement remember = st.get("INSERT INTO vanished (pubkey, until) VALUES (?, ?)"
                + " ON CONFLICT (pubkey) DO UPDATE SET until = MAX(until, excluded.until)");
        remember.setBytes(1, pubkey.raw());
        remember.setLong(2, until);
        remember.executeUpdate();
        anyVanished = true;
        return n;
    }

    private long vanishedUntil(byte[] pubkey) throws SQLException {
        if (!anyVanished) return Long.MIN_VALUE;
        PreparedStatement p = st.get("SELECT until FROM vanished WHERE pubkey = ?");
        p.setBytes(1, pubkey);
        try (ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : Long.MIN_VALUE;
        }
    }
}
