package mutual.store.postgres;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.KindClass;
import mutual.protocol.event.Tag;
import mutual.store.KeyChange;
import mutual.store.StoredEvent;
import mutual.store.WriteOutcome;

/**
 * One batch in one transaction, with the NIP-01 replacement, NIP-09 and NIP-62 rules of the
 * SQLite store, made safe for several processes writing at once. Before it reads anything the
 * transaction takes a PostgreSQL advisory lock for every pubkey the batch can touch (each author,
 * and each recipient of a gift wrap), in ascending order so two batches never wait on each other
 * in a circle. Every rule reads and writes only rows of those pubkeys (an address is an author's;
 * a deletion or vanish request removes its author's events or gift wraps to its author), so
 * whichever process takes a replaceable event, it is judged against every version committed
 * before it, and two versions can never both win. The locks go with the commit.
 */
final class PgWriter {
    private final Connection c;
    private final List<KeyChange> changes = new ArrayList<>();
    private final List<Long> inserted = new ArrayList<>();
    private final List<WriteOutcome> outcomes = new ArrayList<>();
    private final PgDeletions deletions;

    PgWriter(Connection c) {
        this.c = c;
        this.deletions = new PgDeletions(c, changes);
    }

    /**
     * Ids of the batch already stored, read in one statement after the locks; kept up to date as
     * the batch inserts and removes rows, so that each event needs no lookup of its own.
     */
    private final java.util.Set<EventId> present = new java.util.HashSet<>();

    /** Stores the batch, on a connection not in autocommit mode; the caller commits. */
    void write(List<StoredEvent> batch) throws SQLException {
        lock(batch);
        deletions.refresh();
        readPresent(batch);
        readAhead(batch);
        int rereads = 0;
        for (int at = 0; at < batch.size(); at++) {
            StoredEvent e = batch.get(at);
            int seen = changes.size();
            outcomes.add(one(e.event(), e.json()));
            for (int i = seen; i < changes.size(); i++) {
                KeyChange k = changes.get(i);
                if (k.added()) present.add(k.id());
                else present.remove(k.id());
            }
            if (versions == null && at + 1 < batch.size() && rereads++ < MAX_REREADS) {
                // A deletion or vanish request was stored (and everything before it sent): what was
                // read for the batch may be stale, so it is read again for the rest of the batch.
                readAhead(batch.subList(at + 1, batch.size()));
            }
        }
        flush();
    }

    /** Reads for {@code events} what judging them needs: the requests that may refuse them, and the versions of their addresses. */
    private void readAhead(List<StoredEvent> events) throws SQLException {
        deletions.prefetch(events.stream().map(StoredEvent::event).toList());
        readVersions(events);
    }

    /**
     * How many times a batch reads again after a request of its own; past that, each event reads
     * what it needs (a batch made mostly of requests would otherwise send its rest each time).
     */
    static final int MAX_REREADS = 8;

    private void readPresent(List<StoredEvent> batch) throws SQLException {
        byte[][] ids = batch.stream().map(e -> e.event().id().raw()).toArray(byte[][]::new);
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM events WHERE id = ANY (?)")) {
            p.setArray(1, c.createArrayOf("bytea", ids));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) present.add(EventId.of(r.getBytes(1)));
            }
        }
    }

    /** One outcome per event of the batch, in order. */
    List<WriteOutcome> outcomes() {
        return outcomes;
    }

    /** What the transaction added and removed, in order. */
    List<KeyChange> changes() {
        return changes;
    }

    /** The seqs of the rows the transaction inserted. */
    List<Long> inserted() {
        return inserted;
    }

    private void lock(List<StoredEvent> batch) throws SQLException {
        TreeSet<Long> keys = new TreeSet<>();
        for (StoredEvent s : batch) {
            Event e = s.event();
            keys.add(lockKey(e.pubkey()));
            if (e.kind() == PgDeletions.GIFT_WRAP) for (PubKey to : mutual.store.Refusals.recipients(e)) keys.add(lockKey(to));
        }
        // One statement: unnest yields the sorted array in its order, and the locks are taken row by row.
        try (PreparedStatement p = c.prepareStatement("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k")) {
            p.setArray(1, c.createArrayOf("bigint", keys.toArray(Long[]::new)));
            p.executeQuery().close();
        }
    }

    /** A pubkey's lock: its first 8 bytes (keys are uniformly random; a rare clash only makes two authors wait on each other). */
    static long lockKey(PubKey k) {
        return ByteBuffer.wrap(k.raw()).getLong();
    }

    private WriteOutcome one(Event e, byte[] json) throws SQLException {
        KindClass kc = e.kindClass();
        if (kc == KindClass.EPHEMERAL) return new WriteOutcome.Ephemeral();
        if (present.contains(e.id())) return new WriteOutcome.Duplicate();
        Optional<String> refused = deletions.refusal(e);
        if (refused.isPresent()) return new WriteOutcome.Deleted(refused.get());
        boolean plain = !kc.hasAddress() && e.kind() != PgDeletions.DELETION && e.kind() != PgDeletions.VANISH;
        if (kc.hasAddress() && versions != null) return replace(e, kc, json);
        if (!plain) flush(); // what follows reads and removes rows: those of the events before it must be there
        int before = changes.size();
        if (kc.hasAddress()) {
            String d = Address.of(e).d();
            try (PreparedStatement p = c.prepareStatement("SELECT created_at, id FROM events WHERE pubkey = ? AND kind = ? AND d_tag = ?")) {
                bind(p, e.pubkey().raw(), e.kind(), d);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        long at = r.getLong(1);
                        // NIP-01: the newest wins; at equal created_at, the lowest id.
                        if (at > e.createdAt() || (at == e.createdAt() && Arrays.compareUnsigned(r.getBytes(2), e.id().raw()) < 0))
                            return new WriteOutcome.Superseded();
                    }
                }
            }
            deletions.remove("DELETE FROM events WHERE pubkey = ? AND kind = ? AND d_tag = ?", e.pubkey().raw(), e.kind(), d);
        }
        int replaced = changes.size() - before;
        if (e.kind() == PgDeletions.DELETION) deletions.delete(e);
        // Before the insert: the request's own created_at is within what it removes.
        if (e.kind() == PgDeletions.VANISH) deletions.vanish(e.pubkey(), e.createdAt());
        insert(e, kc, json);
        if (!plain) {
            flush(); // the events after it are judged against it
            versions = null; // a request may have removed versions read for the batch: read again by write, or each address when needed
        }
        return new WriteOutcome.Stored(replaced);
    }

    /** An address: its author, kind and d tag ("" for a replaceable event), as stored ({@link PgText#storable}). */
    record AddressKey(PubKey pubkey, int kind, String d) {
        static AddressKey of(Event e) {
            return new AddressKey(e.pubkey(), e.kind(), PgText.storable(Address.of(e).d()));
        }

        /** A condition on rows of any of some addresses, whose parameters {@link #bind} sets. */
        static final String ANY = "(pubkey, kind, d_tag) IN (SELECT * FROM unnest(?::bytea[], ?::int[], ?::text[]))";

        /** Sets the three parameters of {@link #ANY}, from {@code at}. */
        static void bind(Connection c, PreparedStatement p, int at, java.util.Collection<AddressKey> keys) throws SQLException {
            p.setArray(at, c.createArrayOf("bytea", keys.stream().map(k -> k.pubkey().raw()).toArray(byte[][]::new)));
            p.setArray(at + 1, c.createArrayOf("int4", keys.stream().map(AddressKey::kind).toArray(Integer[]::new)));
            p.setArray(at + 2, c.createArrayOf("text", keys.stream().map(AddressKey::d).toArray(String[]::new)));
        }
    }

    /** A version of an address: stored before this batch, or taken by it (and maybe not yet sent). */
    private record Version(long createdAt, EventId id, int kind, boolean stored) {}

    /**
     * The versions of every address the batch names, read in one statement after the locks and
     * kept up to date as the batch replaces them; null after a deletion or vanish request of the
     * batch, which may remove versions by address or author (then each address is read when needed).
     */
    private Map<AddressKey, List<Version>> versions;
    /** Ids of stored versions the batch replaced, removed at the next {@link #flush}. */
    private final List<byte[]> doomed = new ArrayList<>();

    private void readVersions(List<StoredEvent> batch) throws SQLException {
        Map<AddressKey, List<Version>> out = new HashMap<>();
        for (StoredEvent s : batch) if (s.event().kindClass().hasAddress()) out.putIfAbsent(AddressKey.of(s.event()), new ArrayList<>());
        if (!out.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("SELECT pubkey, kind, d_tag, created_at, id FROM events WHERE d_tag IS NOT NULL AND "
                    + AddressKey.ANY)) {
                AddressKey.bind(c, p, 1, out.keySet());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        AddressKey k = new AddressKey(PubKey.of(r.getBytes(1)), r.getInt(2), r.getString(3));
                        List<Version> vs = out.get(k);
                        if (vs == null) throw new SQLException("the versions read back name an address the batch did not ask for: " + k);
                        vs.add(new Version(r.getLong(4), EventId.of(r.getBytes(5)), r.getInt(2), true));
                    }
                }
            }
        }
        versions = out;
    }

    /**
     * NIP-01 for a replaceable or addressable event, judged against the versions read for the
     * batch and those it took since: the newest wins; at equal created_at, the lowest id. The
     * versions it replaces are removed at the next flush, or dropped from the queue if not yet sent.
     */
    private WriteOutcome replace(Event e, KindClass kc, byte[] json) {
        AddressKey key = AddressKey.of(e);
        List<Version> vs = versions.computeIfAbsent(key, k -> new ArrayList<>());
        for (Version v : vs) {
            if (v.createdAt() > e.createdAt() || (v.createdAt() == e.createdAt() && Arrays.compareUnsigned(v.id().raw(), e.id().raw()) < 0))
                return new WriteOutcome.Superseded();
        }
        for (Version v : vs) {
            if (v.stored()) doomed.add(v.id().raw());
            else pending.removeIf(q -> q.e().id().equals(v.id()));
            changes.add(new KeyChange(false, v.createdAt(), v.id(), v.kind()));
        }
        int replaced = vs.size();
        vs.clear();
        vs.add(new Version(e.createdAt(), e.id(), e.kind(), false));
        insert(e, kc, json);
        return new WriteOutcome.Stored(replaced);
    }

    /** An event taken and not yet sent to the database, with its indexed tags. */
    private record Pending(Event e, KindClass kc, byte[] json, String[] names, String[] values) {}

    private final List<Pending> pending = new ArrayList<>();

    /**
     * Queues the event and its indexed tags; {@link #flush} sends the queue. The event counts as
     * stored for the rest of the batch at once ({@link #present}).
     */
    private void insert(Event e, KindClass kc, byte[] json) {
        List<String> names = new ArrayList<>(), values = new ArrayList<>();
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (Tag t : e.tags()) {
            // One row per (name, value), as a condition on it is met once.
            String value = t.size() < 2 ? null : PgText.storable(t.values().get(1));
            if (!t.isIndexable() || value == null || !seen.add(List.of(t.name(), value))) continue;
            names.add(t.name());
            values.add(value);
        }
        pending.add(new Pending(e, kc, json, names.toArray(String[]::new), values.toArray(String[]::new)));
        changes.add(new KeyChange(true, e.createdAt(), e.id(), e.kind()));
    }

    /**
     * Sends the queued events with their tags in one statement, as arrays: a run of plain events
     * costs one round trip to the database whatever its length, where a statement per event cost
     * a round trip each (over a network, that was the writer's speed: docs/node.md, "PostgreSQL").
     * The rows come back in no particular order, so each new seq is matched to its id.
     */
    private void flush() throws SQLException {
        if (!doomed.isEmpty()) {
            // Before the inserts, in their own statement: a version and its replacement may share an address.
            try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE id = ANY (?::bytea[])")) {
                p.setArray(1, c.createArrayOf("bytea", doomed.toArray(byte[][]::new)));
                p.executeUpdate();
            }
            doomed.clear();
        }
        if (pending.isEmpty()) return;
        int n = pending.size();
        byte[][] ids = new byte[n][], pubkeys = new byte[n][], jsons = new byte[n][];
        Long[] createdAt = new Long[n], expiration = new Long[n];
        Integer[] kinds = new Integer[n];
        String[] dTags = new String[n], words = new String[n];
        List<byte[]> tagIds = new ArrayList<>();
        List<String> tagNames = new ArrayList<>(), tagValues = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pending q = pending.get(i);
            Event e = q.e();
            ids[i] = e.id().raw();
            pubkeys[i] = e.pubkey().raw();
            createdAt[i] = e.createdAt();
            kinds[i] = e.kind();
            dTags[i] = q.kc().hasAddress() ? PgText.storable(Address.of(e).d()) : null;
            expiration[i] = e.expiration().orElse(null);
            jsons[i] = q.json();
            words[i] = PgText.indexed(e.kind(), e.content()).orElse(null);
            for (int t = 0; t < q.names().length; t++) {
                tagIds.add(ids[i]);
                tagNames.add(q.names()[t]);
                tagValues.add(q.values()[t]);
            }
        }
        java.util.Map<EventId, Long> seqs = new java.util.HashMap<>();
        try (PreparedStatement p = c.prepareStatement("WITH e AS (INSERT INTO events (id, pubkey, created_at, kind, d_tag, expiration, json, words)"
                + " SELECT x.id, x.pubkey, x.created_at, x.kind, x.d_tag, x.expiration, x.json, to_tsvector('simple', x.words)"
                + " FROM unnest(?::bytea[], ?::bytea[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::bytea[], ?::text[])"
                + " AS x(id, pubkey, created_at, kind, d_tag, expiration, json, words) RETURNING seq, id, created_at),"
                + " t AS (INSERT INTO tags (event, name, value, created_at, id) SELECT e.seq, y.name, y.value, e.created_at, e.id"
                + " FROM e JOIN unnest(?::bytea[], ?::text[], ?::text[]) AS y(id, name, value) ON y.id = e.id)"
                + " SELECT seq, id FROM e")) {
            p.setArray(1, c.createArrayOf("bytea", ids));
            p.setArray(2, c.createArrayOf("bytea", pubkeys));
            p.setArray(3, c.createArrayOf("bigint", createdAt));
            p.setArray(4, c.createArrayOf("int4", kinds));
            p.setArray(5, c.createArrayOf("text", dTags));
            p.setArray(6, c.createArrayOf("bigint", expiration));
            p.setArray(7, c.createArrayOf("bytea", jsons));
            p.setArray(8, c.createArrayOf("text", words));
            p.setArray(9, c.createArrayOf("bytea", tagIds.toArray(byte[][]::new)));
            p.setArray(10, c.createArrayOf("text", tagNames.toArray(String[]::new)));
            p.setArray(11, c.createArrayOf("text", tagValues.toArray(String[]::new)));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) seqs.put(EventId.of(r.getBytes(2)), r.getLong(1));
            }
        }
        if (seqs.size() != n) throw new SQLException("the insert gave " + seqs.size() + " new rows for " + n + " events");
        for (Pending q : pending) inserted.add(seqs.get(q.e().id()));
        pending.clear();
    }

    static void bind(PreparedStatement p, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            switch (params[i]) {
                case null -> p.setNull(i + 1, java.sql.Types.NULL);
                case Long l -> p.setLong(i + 1, l);
                case Integer n -> p.setInt(i + 1, n);
                case Boolean b -> p.setBoolean(i + 1, b);
                case String s -> p.setString(i + 1, PgText.storable(s));
                case byte[] b -> p.setBytes(i + 1, b);
                default -> throw new IllegalArgumentException("cannot bind " + params[i].getClass());
            }
        }
    }
}
