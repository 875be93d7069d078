package mutual.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;
import mutual.store.Viewer;

/**
 * One NIP-01 filter as a SQL condition on {@code events e}, with its parameters. Unlike the
 * SQLite store's, it answers every condition exactly (long tag values included: the index holds
 * their first 256 characters, the row the whole), and leaves the choice of index to
 * PostgreSQL's planner. Expired events (NIP-40) and gift wraps the viewer may not see (NIP-59)
 * are left out here, in the one place every read goes through.
 *
 * <p>A filter with tag conditions is answered from the tag index: one of them, the one with the
 * fewest values, is the {@link Driver}, left out of {@link #where()}; {@link PgReads} reads each
 * of its values' newest rows in index order and merges them. Asked as a condition on events
 * ({@code EXISTS}), PostgreSQL joined every row of a common tag and sorted them all: 27 REQ/s for
 * {@code #t} with limit 20 at 20,000 events in {@code mutual bench relay}.
 */
record PgFilter(String where, List<Param> params, Optional<Driver> driver) {
    static final int GIFT_WRAP = 1059;
    /** Above this many values a tag condition is checked on events rather than read value by value. */
    static final int MAX_DRIVER_VALUES = 100;

    /** A parameter, bound by {@link #bind}. */
    sealed interface Param {}
    record Num(long value) implements Param {}
    record Text(String value) implements Param {}
    record Bytes(List<byte[]> values) implements Param {}
    record Ints(List<Integer> values) implements Param {}
    record Texts(List<String> values) implements Param {}

    /** The tag condition a read starts from: tag {@code name} with any of {@code values}. */
    record Driver(String name, List<String> values) {}

    /**
     * The first 256 characters, as PostgreSQL's {@code left} counts them (code points, not UTF-16
     * units): what the tag index holds of a value.
     */
    static String indexed(String value) {
        return value.length() <= 256 || value.codePointCount(0, value.length()) <= 256 ? value : value.substring(0, value.offsetByCodePoints(0, 256));
    }

    /** {@link #where()} with the driver's condition too: every condition of the filter. */
    PgFilter whole() {
        if (driver.isEmpty()) return this;
        List<Param> all = new ArrayList<>(params);
        all.add(new Text(driver.get().name()));
        all.add(new Texts(driver.get().values().stream().map(PgFilter::indexed).distinct().toList()));
        all.add(new Texts(driver.get().values()));
        return new PgFilter(where + " AND " + TAG_EXISTS, all, Optional.empty());
    }

    private static final String TAG_EXISTS =
            "EXISTS (SELECT 1 FROM tags t WHERE t.event = e.seq AND t.name = ? AND left(t.value, 256) = ANY(?) AND t.value = ANY(?))";

    /** The condition, or empty when the filter can match nothing. */
    static Optional<PgFilter> of(Filter f, Viewer viewer, long now) {
        if (f.isEmptyByConstruction()) return Optional.empty();
        List<String> and = new ArrayList<>();
        List<Param> params = new ArrayList<>();
        f.ids().ifPresent(ids -> {
            and.add("e.id = ANY(?)");
            params.add(new Bytes(ids.stream().map(EventId::raw).toList()));
        });
        f.authors().ifPresent(as -> {
            and.add("e.pubkey = ANY(?)");
            params.add(new Bytes(as.stream().map(PubKey::raw).toList()));
        });
        f.kinds().ifPresent(ks -> {
            and.add("e.kind = ANY(?)");
            params.add(new Ints(List.copyOf(ks)));
        });
        f.since().ifPresent(s -> {
            and.add("e.created_at >= ?");
            params.add(new Num(s));
        });
        f.until().ifPresent(u -> {
            and.add("e.created_at <= ?");
            params.add(new Num(u));
        });
        Optional<Map.Entry<Character, Set<String>>> driving = f.tags().entrySet().stream()
                .filter(t -> t.getValue().size() <= MAX_DRIVER_VALUES).min(java.util.Comparator.comparingInt(t -> t.getValue().size()));
        for (Map.Entry<Character, Set<String>> t : f.tags().entrySet()) {
            if (driving.isPresent() && driving.get().getKey().equals(t.getKey())) continue; // read from the tag index instead
            List<String> values = List.copyOf(t.getValue());
            and.add(TAG_EXISTS);
            params.add(new Text(String.valueOf(t.getKey())));
            params.add(new Texts(values.stream().map(PgFilter::indexed).distinct().toList()));
            params.add(new Texts(values));
        }
        if (f.search().isPresent()) {
            Optional<List<String>> words = PgText.words(f.search().get());
            if (words.isPresent()) {
                if (words.get().isEmpty()) return Optional.empty();
                StringBuilder q = new StringBuilder("e.words @@ (");
                for (int i = 0; i < words.get().size(); i++) {
                    q.append(i == 0 ? "" : " && ").append("phraseto_tsquery('simple', ?)");
                    params.add(new Text(words.get().get(i)));
                }
                and.add(q.append(")").toString());
            }
        }
        and.add("(e.expiration IS NULL OR e.expiration > ?)");
        params.add(new Num(now));
        if (!viewer.seesEverything()) {
            and.add("(e.kind <> " + GIFT_WRAP + " OR EXISTS (SELECT 1 FROM tags t WHERE t.event = e.seq AND t.name = 'p'"
                    + " AND left(t.value, 256) = ANY(?) AND t.value = ANY(?)))");
            List<String> me = viewer.authenticated().stream().map(PubKey::hex).toList();
            params.add(new Texts(me));
            params.add(new Texts(me));
        }
        Optional<Driver> driver = driving.map(t -> new Driver(String.valueOf(t.getKey()), t.getValue().stream().sorted().toList()));
        return Optional.of(new PgFilter(String.join(" AND ", and), params, driver));
    }

    /** Binds the parameters from position {@code from}; returns the next free position. */
    int bind(Connection c, PreparedStatement p, int from) throws SQLException {
        int i = from;
        for (Param param : params) {
            switch (param) {
                case Num n -> p.setLong(i, n.value());
                case Text t -> p.setString(i, PgText.storable(t.value()));
                case Bytes b -> p.setArray(i, c.createArrayOf("bytea", b.values().toArray(new byte[0][])));
                case Ints k -> p.setArray(i, c.createArrayOf("integer", k.values().toArray(new Integer[0])));
                case Texts s -> p.setArray(i, c.createArrayOf("text", s.values().stream().map(PgText::storable).toArray(String[]::new)));
            }
            i++;
        }
        return i;
    }
}
