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
 */
record PgFilter(String where, List<Param> params) {
    static final int GIFT_WRAP = 1059;

    /** A parameter, bound by {@link #bind}. */
    sealed interface Param {}
    record Num(long value) implements Param {}
    record Text(String value) implements Param {}
    record Bytes(List<byte[]> values) implements Param {}
    record Ints(List<Integer> values) implements Param {}
    record Texts(List<String> values) implements Param {}

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
        for (Map.Entry<Character, Set<String>> t : f.tags().entrySet()) {
            List<String> values = List.copyOf(t.getValue());
            and.add("EXISTS (SELECT 1 FROM tags t WHERE t.event = e.seq AND t.name = ? AND left(t.value, 256) = ANY(?) AND t.value = ANY(?))");
            params.add(new Text(String.valueOf(t.getKey())));
            params.add(new Texts(values.stream().map(v -> v.length() > 256 ? v.substring(0, 256) : v).distinct().toList()));
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
        return Optional.of(new PgFilter(String.join(" AND ", and), params));
    }

    /** Binds the parameters from position {@code from}; returns the next free position. */
    int bind(Connection c, PreparedStatement p, int from) throws SQLException {
        int i = from;
        for (Param param : params) {
            switch (param) {
                case Num n -> p.setLong(i, n.value());
                case Text t -> p.setString(i, t.value());
                case Bytes b -> p.setArray(i, c.createArrayOf("bytea", b.values().toArray(new byte[0][])));
                case Ints k -> p.setArray(i, c.createArrayOf("integer", k.values().toArray(new Integer[0])));
                case Texts s -> p.setArray(i, c.createArrayOf("text", s.values().toArray(new String[0])));
            }
            i++;
        }
        return i;
    }
}
