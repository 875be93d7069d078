package mutual.store;

import mutual.protocol.event.EventId;
import mutual.protocol.event.EventReader;
import mutual.protocol.json.Json;
import mutual.protocol.json.Limits;

/** Reading back the JSON a store keeps: the same for every store. */
public final class StoredJson {
    /**
     * Stored JSON was written by us from an event the node accepted; these limits only keep a
     * damaged database from exhausting memory, they are not policy.
     */
    private static final Json JSON = Json.create(new Limits(64 << 20, 16, 1 << 20, 1 << 16, 16 << 20, 64 << 20, 64, 1 << 10, 1 << 20));

    private StoredJson() {}

    public static StoredEvent decode(byte[] json) {
        return new StoredEvent(EventReader.read(JSON, json), json);
    }

    /** A row a store's SQL matched exactly, parsed only if somebody asks for the event. */
    public static StoredEvent undecoded(long createdAt, byte[] id, int kind, long expiration, byte[] json) {
        return StoredEvent.undecoded(EventId.of(id), createdAt, kind, expiration, json, j -> EventReader.read(JSON, j));
    }
}
