package mutual.app.config;

import java.util.List;

/** Every setting of a node, declared once. {@code mutual serve --help} and docs/config.md come from this list. */
public final class NodeSettings {
    private NodeSettings() {}

    public static final Setting<String> BIND = Setting.address("bind", "127.0.0.1",
            "Address to listen on. 127.0.0.1 keeps the node private to this machine; 0.0.0.0 opens it to the network.");
    public static final Setting<Integer> PORT = Setting.integer("port", 7447, 0, 65535,
            "TCP port for WebSocket (Nostr) and HTTP (NIP-11, /healthz, /metrics). 0 picks a free port.");
    public static final Setting<String> DATA = Setting.text("data", "./mutual-data",
            "Folder for the database, the node's key and its config file (created if missing).");
    public static final Setting<String> STORE = new Setting<>("store", "text", "",
            "Where events are kept: empty for SQLite in the data folder (DATA/mutual.db); postgresql://USER:PASSWORD@HOST:PORT/DATABASE for PostgreSQL, which several node processes can share as one relay (docs/node.md, PostgreSQL). The password may come from PGPASSWORD instead; it is never printed.",
            s -> {
                if (!s.isBlank()) mutual.store.postgres.PgUrl.parse(s); // says what is wrong, without the password
                return s.strip();
            });
    public static final Setting<String> PUBLIC_URL = Setting.text("public-url", "",
            "The ws:// or wss:// URL clients use to reach this node, checked in NIP-42 AUTH (default: ws://BIND:PORT).");
    public static final Setting<String> NAME = Setting.text("name", "Mutual node",
            "Name shown in the NIP-11 document.");
    public static final Setting<String> DESCRIPTION = Setting.text("description",
            "A Mutual node: offers and needs, matched; communities linked across borders.",
            "Description shown in the NIP-11 document.");
    public static final Setting<Integer> MAX_MESSAGE_BYTES = Setting.integer("max-message-bytes", 524288,
            "Largest WebSocket message accepted; larger frames close the connection (1009).");
    public static final Setting<Integer> MAX_EVENT_BYTES = Setting.integer("max-event-bytes", 262144,
            "Largest event accepted, as serialized JSON.");
    public static final Setting<Integer> MAX_TAGS = Setting.integer("max-event-tags", 2500,
            "Most tags one event may carry.");
    public static final Setting<Integer> MAX_TAG_VALUE_CHARS = Setting.integer("max-tag-value-chars", 8192,
            "Longest tag value accepted (longer values are rejected; they never reach an index).");
    public static final Setting<Integer> MAX_SUBSCRIPTIONS = Setting.integer("max-subscriptions", 100,
            "Open subscriptions per connection.");
    public static final Setting<Integer> MAX_FILTERS = Setting.integer("max-filters", 20,
            "Filters per REQ or COUNT.");
    public static final Setting<Integer> MAX_LIMIT = Setting.integer("max-limit", 500,
            "Most stored events returned for one filter.");
    public static final Setting<Long> MAX_FUTURE_SECONDS = Setting.whole("max-future-seconds", 900,
            "Reject events dated more than this many seconds ahead.");
    public static final Setting<Integer> EVENTS_PER_SECOND_PER_IP = Setting.integer("events-per-second-per-ip", 0, 0,
            "Sustained events per second accepted from one client address (bursts up to 10x; peers, bundles and the node itself are not limited); 0, the default, for no limit (docs/node.md, Limits).");
    public static final Setting<Integer> EVENTS_PER_SECOND_PER_PUBKEY = Setting.integer("events-per-second-per-pubkey", 0, 0,
            "Sustained events per second accepted from one author over client connections (bursts up to 10x); 0, the default, for no limit.");
    public static final Setting<Integer> MESSAGES_PER_SECOND_PER_CONNECTION = Setting.integer("messages-per-second-per-connection", 50, 0,
            "Sustained REQ, COUNT, CLOSE, AUTH and NEG-* messages per second on one connection (bursts up to 10x); 0 for no limit. EVENTs are paced by max-events-in-flight instead.");
    public static final Setting<Integer> MAX_EVENTS_IN_FLIGHT = Setting.integer("max-events-in-flight", 256, 1,
            "EVENTs of one connection awaiting their OK; past this the node reads nothing more from that connection until some are answered (the client is slowed down, nothing is refused).");
    public static final Setting<String> PEER_KEYS = new Setting<>("peer-keys", "text", "",
            "Public keys (npub or hex, comma-separated) of other nodes that replicate to this one: their connections, authenticated with NIP-42 as a node does by itself, are exempt from events-per-second-per-ip and -per-pubkey.",
            s -> {
                PeerKeys.parse(s); // says which entry is wrong
                return s;
            });
    public static final Setting<String> REAL_IP_HEADER = Setting.text("real-ip-header", "",
            "Header a reverse proxy puts the client's address in (X-Forwarded-For or X-Real-IP), believed only from trusted-proxies; empty: every connection counts as the address it comes from.");
    public static final Setting<String> TRUSTED_PROXIES = new Setting<>("trusted-proxies", "text", "127.0.0.1/8, ::1",
            "Addresses or CIDR ranges (comma-separated) of reverse proxies whose real-ip-header is believed.", s -> {
                mutual.engine.relay.ClientAddress.of("X-Forwarded-For", s); // says which entry is wrong
                return s;
            });
    public static final Setting<Integer> MAX_PENDING_OUTPUT_BYTES = Setting.integer("max-pending-output-bytes", 8 * 1024 * 1024,
            "A connection whose unsent output passes this is closed (slow reader).");
    public static final Setting<Integer> MAX_PENDING_OUTPUT_BYTES_TOTAL = Setting.integer("max-pending-output-bytes-total", 32 * 1024 * 1024, 1 << 20,
            "Unsent output of all connections together; past it the connections holding the most (the slowest readers) are closed with code 1013.");
    public static final Setting<Integer> MAX_PENDING_INPUT_BYTES_TOTAL = Setting.integer("max-pending-input-bytes-total", 8 * 1024 * 1024, 1 << 16,
            "EVENT messages of all connections taken and not yet answered (characters); past it, a connection that already has an event in flight is not read until answers go out.");
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("max-connections", 0, 0,
            "Open WebSocket connections in all; more are closed at once with code 1013. 0 sizes it to the heap by the memory formula in docs/node.md (about 142 with the launcher's 256 MiB and an empty store).");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP = Setting.integer("max-connections-per-ip", 32, 1,
            "Open connections from one address (as the node sees it: behind a proxy, the proxy's, unless the node is told the client's).");
    public static final Setting<Integer> MAX_SYNC_RECORDS = Setting.integer("max-sync-records", 500_000,
            "Most records one NIP-77 sync session may cover; more gets NEG-ERR asking for a narrower filter.");
    public static final Setting<Integer> MAX_SYNC_SESSIONS = Setting.integer("max-sync-sessions", 8,
            "Open NIP-77 sync sessions per connection.");
    public static final Setting<Long> SYNC_INTERVAL_SECONDS = Setting.whole("sync-interval-seconds", 300,
            "How often each connected peer is reconciled again (NIP-77); between reconciliations new events stream live.");
    public static final Setting<Integer> MAX_INDEXED_LISTINGS = Setting.integer("max-indexed-listings", 0, 0,
            "Most current listings the matching index keeps in memory (newest first; the relay still stores them all); 0 sizes it to a quarter of the heap, about 1 KiB each.");
    public static final Setting<Long> PURGE_INTERVAL_SECONDS = Setting.whole("purge-interval-seconds", 60,
            "How often expired events (NIP-40) are purged.");

    public static final Setting<Boolean> OUTBOX = Setting.flag("outbox", true,
            "Send listings, match steps, community acts and private messages that people publish here (and this node's own suggestions and notices) on to the relays named in their relay lists (NIP-65, NIP-17), so they reach people on other nodes.");
    public static final Setting<Boolean> OUTBOX_PRIVATE_ADDRESSES = Setting.flag("outbox-private-addresses", false,
            "Let relay lists send this node to loopback and private-network addresses (for nodes on one machine or one LAN); off, such relays are skipped, so nobody's list can point the node at the machines beside it.");

    public static List<Setting<?>> all() {
        return List.of(BIND, PORT, DATA, STORE, PUBLIC_URL, NAME, DESCRIPTION, MAX_MESSAGE_BYTES, MAX_EVENT_BYTES, MAX_TAGS,
                MAX_TAG_VALUE_CHARS, MAX_SUBSCRIPTIONS, MAX_FILTERS, MAX_LIMIT, MAX_FUTURE_SECONDS, EVENTS_PER_SECOND_PER_IP,
                EVENTS_PER_SECOND_PER_PUBKEY, MESSAGES_PER_SECOND_PER_CONNECTION, MAX_EVENTS_IN_FLIGHT, PEER_KEYS, REAL_IP_HEADER, TRUSTED_PROXIES,
                MAX_PENDING_OUTPUT_BYTES, MAX_PENDING_OUTPUT_BYTES_TOTAL, MAX_PENDING_INPUT_BYTES_TOTAL, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP, MAX_SYNC_RECORDS, MAX_SYNC_SESSIONS,
                SYNC_INTERVAL_SECONDS, PURGE_INTERVAL_SECONDS, MAX_INDEXED_LISTINGS, OUTBOX, OUTBOX_PRIVATE_ADDRESSES);
    }

    /** docs/config.md, generated so it can never drift from the declarations. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Node configuration\n\n")
                .append("Generated from `mutual.app.config.NodeSettings` by `mutual config docs`; do not edit by hand.\n\n")
                .append("Each setting comes, in rising priority, from its default, the config file (`DATA/mutual.conf` or\n")
                .append("`--config FILE`, lines of `name = value`), the environment (`MUTUAL_NAME`) and the flag (`--name`).\n\n")
                .append("| setting | flag | environment | type | default | description |\n|---|---|---|---|---|---|\n");
        for (Setting<?> s : all()) {
            sb.append("| `").append(s.name()).append("` | `").append(s.flagName()).append("` | `").append(s.envName())
                    .append("` | ").append(s.type()).append(" | `").append(s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue())
                    .append("` | ").append(s.description()).append(" |\n");
        }
        return sb.toString();
    }
}
