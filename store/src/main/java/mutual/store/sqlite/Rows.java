package mutual.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.store.StoredEvent;
import mutual.store.Viewer;

/** Decoding stored rows and the checks every read repeats in Java. */
final class Rows {
    private Rows() {}

    static final int GIFT_WRAP = 1059;

    static StoredEvent decode(byte[] json) {
        return mutual.store.StoredJson.decode(json);
    }

    /** A row the SQL matched exactly, parsed only if somebody asks for the event. */
    static StoredEvent undecoded(long createdAt, byte[] id, int kind, long expiration, byte[] json) {
        return mutual.store.StoredJson.undecoded(createdAt, id, kind, expiration, json);
    }

    /** NIP-59: a gift wrap is for the pubkeys in its {@code p} tags (and the node). */
    static boolean visible(Event e, Viewer viewer) {
        if (e.kind() != GIFT_WRAP || viewer.seesEverything()) return true;
        for (Tag t : e.tags()) {
            if (t.name().equals("p") && t.size() > 1 && PubKey.fromHex(t.values().get(1)).map(viewer::maySee).orElse(false)) return true;
        }
        return false;
    }

    static boolean expired(Event e, long now) {
        return e.expiration().map(x -> x <= now).orElse(false);
    }

    static void bind(PreparedStatement p, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            switch (v) {
                case Long l -> p.setLong(i + 1, l);
                case Integer n -> p.setInt(i + 1, n);
                case String s -> p.setString(i + 1, s);
                case byte[] b -> p.setBytes(i + 1, b);
                default -> throw new IllegalArgumentException("cannot bind " + v.getClass());
            }
        }
    }
}
