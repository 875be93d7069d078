package mutual.store;

import java.util.function.Function;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;

/**
 * An event as the store holds it: the exact JSON bytes it was stored as
 * ({@link mutual.protocol.event.EventJson#writeBytes}), which the relay sends as they are, its
 * key columns, and the decoded event. A store may hand it out undecoded, when its SQL already
 * answered the filter exactly: a REQ then sends the bytes without ever parsing them, and
 * {@link #event()} decodes on first use. The array is the store's copy for this caller; nobody
 * else holds it.
 */
public final class StoredEvent {
    /** {@link #expiration()} of an event without a NIP-40 expiration tag. */
    public static final long NEVER = Long.MAX_VALUE;

    private final EventId id;
    private final long createdAt;
    private final int kind;
    private final long expiration;
    private final byte[] json;
    private final Function<byte[], Event> decoder;
    private volatile Event event;

    /** An event already decoded. */
    public StoredEvent(Event event, byte[] json) {
        this(event.id(), event.createdAt(), event.kind(), event.expiration().orElse(NEVER), json, null);
        this.event = event;
    }

    private StoredEvent(EventId id, long createdAt, int kind, long expiration, byte[] json, Function<byte[], Event> decoder) {
        this.id = id;
        this.createdAt = createdAt;
        this.kind = kind;
        this.expiration = expiration;
        this.json = json;
        this.decoder = decoder;
    }

    /** An event known by its columns, decoded from {@code json} by {@code decoder} only if asked. */
    public static StoredEvent undecoded(EventId id, long createdAt, int kind, long expiration, byte[] json, Function<byte[], Event> decoder) {
        return new StoredEvent(id, createdAt, kind, expiration, json, decoder);
    }

    public Event event() {
        Event e = event;
        if (e == null) event = e = decoder.apply(json);
        return e;
    }

    public byte[] json() {
        return json;
    }

    public EventId id() {
        return id;
    }

    public long createdAt() {
        return createdAt;
    }

    public int kind() {
        return kind;
    }

    /** The NIP-40 expiration, or {@link #NEVER}. */
    public long expiration() {
        return expiration;
    }

    /** NIP-40: whether the event has expired at {@code now} (epoch seconds). */
    public boolean expiredAt(long now) {
        return expiration <= now;
    }

    @Override
    public String toString() {
        return "StoredEvent[" + id.hex() + ", kind " + kind + "]";
    }
}
