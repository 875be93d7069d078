package mutual.engine;

import java.time.Duration;
import java.util.Optional;
import mutual.engine.ingest.IngestConfig;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.relay.ClientAddress;
import mutual.engine.relay.RelayConfig;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.json.Limits;

/**
 * Everything a {@link Node} needs to know that is not a collaborator. The app builds it from its
 * declared configuration; every field has a default except the node's key.
 *
 * @param bindAddress   address to listen on (default 127.0.0.1: only this machine)
 * @param port          TCP port (default 7447; 0 picks a free one, for tests)
 * @param relayUrl      the URL clients use to reach this node, checked in NIP-42 AUTH and NIP-62
 *                      vanish requests; default {@code ws://<bindAddress>:<bound port>/}
 * @param nodeKey       the node's own key; its public half is the NIP-11 {@code pubkey}
 * @param name          NIP-11 name
 * @param description   NIP-11 description
 * @param contact       NIP-11 alternative contact (a URI)
 * @param software      NIP-11 software (a URL to the project)
 * @param version       NIP-11 version
 * @param limits        hard decoding limits for client messages (frame size, depth, tags...)
 * @param relay         per-connection limits
 * @param policy        settings of the default admission rules
 * @param ingest        sizes of the ingest pipeline
 * @param purgeInterval how often expired (NIP-40) events are removed from the store
 * @param clientAddress which address a connection counts as (its own, or a trusted proxy's header)
 */
public record NodeConfig(
        String bindAddress,
        int port,
        Optional<String> relayUrl,
        SecretKey nodeKey,
        String name,
        String description,
        Optional<String> contact,
        String software,
        String version,
        Limits limits,
        RelayConfig relay,
        PolicyConfig policy,
        IngestConfig ingest,
        Duration purgeInterval,
        ClientAddress clientAddress) {

    public static final int DEFAULT_PORT = 7447;

    public NodeConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        if (purgeInterval.isNegative() || purgeInterval.isZero()) throw new IllegalArgumentException("purge interval must be positive");
    }

    public static Builder builder(SecretKey nodeKey) {
        return new Builder(nodeKey);
    }

    /** Builds a {@link NodeConfig}, starting from the defaults. */
    public static final class Builder {
        private final SecretKey nodeKey;
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Optional<String> relayUrl = Optional.empty();
        private String name = "Mutual node";
        private String description = "A Mutual node: mutual-aid listings, communities and messages over Nostr.";
        private Optional<String> contact = Optional.empty();
        private String software = "mutual";
        private String version = "0.1.0";
        private Limits limits = Limits.defaults();
        private RelayConfig relay = RelayConfig.defaults();
        private PolicyConfig policy = PolicyConfig.defaults();
        private IngestConfig ingest = IngestConfig.defaults();
        private Duration purgeInterval = Duration.ofMinutes(1);
        private ClientAddress clientAddress = ClientAddress.direct();

        private Builder(SecretKey nodeKey) {
            this.nodeKey = nodeKey;
        }

        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder relayUrl(String v) { relayUrl = Optional.of(v); return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder contact(String v) { contact = Optional.of(v); return this; }
        public Builder software(String v) { software = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder limits(Limits v) { limits = v; return this; }
        public Builder relay(RelayConfig v) { relay = v; return this; }
        public Builder policy(PolicyConfig v) { policy = v; return this; }
        public Builder ingest(IngestConfig v) { ingest = v; return this; }
        public Builder purgeInterval(Duration v) { purgeInterval = v; return this; }
        public Builder clientAddress(ClientAddress v) { clientAddress = v; return this; }

        public NodeConfig build() {
            return new NodeConfig(bindAddress, port, relayUrl, nodeKey, name, description, contact, software, version,
                    limits, relay, policy, ingest, purgeInterval, clientAddress);
        }
    }
}
