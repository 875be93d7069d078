package mutual.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.store.KeyChange;
import mutual.store.Refusals;

/**
 * NIP-09 deletion requests and NIP-62 requests to vanish, inside the writer's transaction, as the
 * SQLite store applies them: what they remove (reported to {@code removed}), and the memory of
 * them that refuses the removed events when they are sent again.
 */
final class PgDeletions {
    static final int DELETION = Refusals.DELETION;
    static final int VANISH = Refusals.VANISH;
    static final int GIFT_WRAP = Refusals.GIFT_WRAP;
    private static final String REMOVED = " RETURNING created_at, id, kind";

    private final Connection c;
    private final List<KeyChange> removed;
    /**
     * Whether each memory table has any row, read once per transaction after its locks are taken
     * ({@link #refresh}): most nodes hold few deletions, and an empty table saves its lookup for
     * every event of the batch (half the statements of a plain note). A request that matters to
     * an event of the batch is written under a lock the batch holds, so it is committed by then.
     */
    private boolean anyVanished = true, anyDeletedIds = true, anyDeletedAddresses = true;

    PgDeletions(Connection c, List<KeyChange> removed) {
        this.c = c;
        this.removed = removed;
    }

    /** Reads which memory tables hold anything; called inside the write transaction, after its locks. */
    void refresh() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM vanished), EXISTS (SELECT 1 FROM deleted_ids),"
                + " EXISTS (SELECT 1 FROM deleted_addresses)"); ResultSet r = p.executeQuery()) {
            r.next();
            anyVanished = r.getBoolean(1);
            anyDeletedIds = r.getBoolean(2);
            anyDeletedAddresses = r.getBoolean(3);
        }
    }

    /** Deletion requests naming the batch's ids, read once per batch; empty when this batch's own requests made it stale. */
    private Map<EventId, List<byte[]>> batchDeleters = Map.of();
    /** Vanish requests of the batch's authors, read once per batch, likewise. */
    private Map<PubKey, Long> batchVanished = Map.of();
    /** Deletion requests of the batch's addresses, read once per batch, likewise. */
    private Map<PgWriter.AddressKey, Long> batchAddressesDeleted = Map.of();

    /**
     * Reads at once, for a batch about to be written, what {@link #refusal} would otherwise read
     * event by event (a round trip each): the deletion requests naming its ids or its addresses,
     * and the vanish requests of its authors. A deletion or vanish request stored by the batch
     * forgets them.
     */
    void prefetch(List<Event> batch) throws SQLException {
        Map<EventId, List<byte[]>> deleters = new HashMap<>();
        if (anyDeletedIds) {
            for (Event e : batch) deleters.put(e.id(), new ArrayList<>());
            try (PreparedStatement p = c.prepareStatement("SELECT id, pubkey FROM deleted_ids WHERE id = ANY (?)")) {
                p.setArray(1, c.createArrayOf("bytea", batch.stream().map(e -> e.id().raw()).toArray(byte[][]::new)));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) deleters.get(EventId.of(r.getBytes(1))).add(r.getBytes(2));
                }
            }
        }
        Map<PubKey, Long> vanished = new HashMap<>();
        if (anyVanished) {
            for (Event e : batch) vanished.put(e.pubkey(), Long.MIN_VALUE);
            try (PreparedStatement p = c.prepareStatement("SELECT pubkey, until FROM vanished WHERE pubkey = ANY (?)")) {
                p.setArray(1, c.createArrayOf("bytea", vanished.keySet().stream().map(PubKey::raw).toArray(byte[][]::new)));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) vanished.put(PubKey.of(r.getBytes(1)), r.getLong(2));
                }
            }
        }
        Map<PgWriter.AddressKey, Long> addresses = new HashMap<>();
        if (anyDeletedAddresses) {
            for (Event e : batch) if (e.kindClass().hasAddress()) addresses.put(PgWriter.AddressKey.of(e), Long.MIN_VALUE);
        }
        if (!addresses.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("SELECT pubkey, kind, d_tag, until FROM deleted_addresses WHERE " + PgWriter.AddressKey.ANY)) {
                PgWriter.AddressKey.bind(c, p, 1, addresses.keySet());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) addresses.put(new PgWriter.AddressKey(PubKey.of(r.getBytes(1)), r.getInt(2), r.getString(3)), r.getLong(4));
                }
            }
        }
        batchDeleters = deleters;
        batchVanished = vanished;
        batchAddressesDeleted = addresses;
    }

    /** Why the event may not be stored, if an earlier deletion or vanish request covers it. */
    Optional<String> refusal(Event e) throws SQLException {
        return Refusals.of(e, memory);
    }

    private final Refusals.Memory memory = new Refusals.Memory() {
        @Override
        public long vanishedUntil(PubKey pubkey) throws SQLException {
            return PgDeletions.this.vanishedUntil(pubkey);
        }

        @Override
        public List<byte[]> deleters(EventId id) throws SQLException {
            List<byte[]> out = new ArrayList<>();
            if (!anyDeletedIds) return out;
            List<byte[]> known = batchDeleters.get(id);
            if (known != null) return new ArrayList<>(known);
            try (PreparedStatement p = c.prepareStatement("SELECT pubkey FROM deleted_ids WHERE id = ?")) {
                p.setBytes(1, id.raw());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(r.getBytes(1));
                }
            }
            return out;
        }

        @Override
        public long addressDeletedUntil(PubKey pubkey, int kind, String d) throws SQLException {
            if (!anyDeletedAddresses) return Long.MIN_VALUE;
            Long known = batchAddressesDeleted.get(new PgWriter.AddressKey(pubkey, kind, PgText.storable(d)));
            if (known != null) return known;
            try (PreparedStatement p = c.prepareStatement("SELECT until FROM deleted_addresses WHERE pubkey = ? AND kind = ? AND d_tag = ?")) {
                PgWriter.bind(p, pubkey.raw(), kind, d);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : Long.MIN_VALUE;
                }
            }
        }
    };

    /** Carries out a kind 5 request being stored: removes what it names and remembers it. */
    void delete(Event request) throws SQLException {
        batchDeleters = Map.of();
        batchAddressesDeleted = Map.of();
        byte[] author = request.pubkey().raw();
        boolean mayDeleteGiftWraps = request.tags().stream()
                .anyMatch(t -> t.name().equals("k") && t.value().filter(v -> v.equals("1059")).isPresent());
        for (Tag t : request.tagsNamed("e")) {
            Optional<EventId> id = t.value().flatMap(EventId::fromHex);
            if (id.isEmpty()) continue;
            update("INSERT INTO deleted_ids (id, pubkey, deleted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", id.get().raw(), author,
                    request.createdAt());
            anyDeletedIds = true;
            // Only the author's own events, except that a gift wrap's recipient may delete their copy.
            remove("DELETE FROM events e WHERE e.id = ? AND e.kind <> 5 AND e.kind NOT BETWEEN " + Refusals.COMMUNITY_FIRST + " AND " + Refusals.COMMUNITY_LAST
                    + " AND (e.pubkey = ? OR (e.kind = 1059 AND ? AND "
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
            anyDeletedAddresses = true;
        }
    }

    /** NIP-62: removes every event of {@code pubkey} up to {@code until} and the gift wraps to it; refuses them from now on. */
    void vanish(PubKey pubkey, long until) throws SQLException {
        batchDeleters = Map.of();
        batchVanished = Map.of();
        batchAddressesDeleted = Map.of();
        remove("DELETE FROM events WHERE pubkey = ? AND created_at <= ?", pubkey.raw(), until);
        remove("DELETE FROM events e WHERE e.kind = 1059 AND e.created_at <= ? AND e.seq IN"
                + " (SELECT t.event FROM tags t WHERE t.name = 'p' AND left(t.value, 256) = ? AND t.value = ?)", until, pubkey.hex(), pubkey.hex());
        // The ids it asked to delete are its own past too; the vanish row now refuses them.
        update("DELETE FROM deleted_ids WHERE pubkey = ? AND deleted_at <= ?", pubkey.raw(), until);
        update("DELETE FROM deleted_addresses WHERE pubkey = ? AND until <= ?", pubkey.raw(), until);
        update("INSERT INTO vanished (pubkey, until) VALUES (?, ?)"
                + " ON CONFLICT (pubkey) DO UPDATE SET until = GREATEST(vanished.until, excluded.until)", pubkey.raw(), until);
        anyVanished = true;
    }

    private long vanishedUntil(PubKey pubkey) throws SQLException {
        if (!anyVanished) return Long.MIN_VALUE;
        Long known = batchVanished.get(pubkey);
        if (known != null) return known;
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
}
