package mutual.app.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mutual.app.config.NodeSettings;
import mutual.engine.mesh.PeerSpec;
import mutual.app.config.Config;
import mutual.engine.NodeConfig;
import mutual.engine.ingest.Policy;
import mutual.engine.policy.Policies;
import mutual.engine.relay.ReachableNames;
import mutual.engine.relay.RelayUrl;
import mutual.protocol.crypto.SecretKey;

/**
 * The admission rules a node with this configuration applies, for sources that take events into
 * its data folder without the node running (bundle import), so that they admit exactly what the
 * node would.
 */
public final class NodePolicies {
    private NodePolicies() {}

    public static List<Policy> of(Config c) {
        // The key only names a node in NIP-11; no rule looks at it, so a throwaway one will do.
        NodeConfig nc = RunningNode.nodeConfig(c, SecretKey.generate());
        RelayUrl self = RelayUrl.parse(nc.relayUrl().orElse("ws://" + nc.bindAddress() + ":" + nc.port() + "/"))
                .withAliases(ReachableNames.of(nc.bindAddress(), nc.port()));
        // As the running node: a vanish request naming one of its peers is honoured too (Node#namesThisNodeOrAPeer).
        List<RelayUrl> peers = new ArrayList<>();
        try {
            for (PeerSpec p : PeerFile.read(PeerFile.in(Path.of(c.get(NodeSettings.DATA))))) RelayUrl.tryParse(p.url()).ifPresent(peers::add);
        } catch (IOException | IllegalArgumentException e) {
            // no readable peers.conf: the node would have no peers either
        }
        return Policies.defaults(nc.policy(), url -> self.matches(url) || peers.stream().anyMatch(p -> p.matches(url)));
    }
}
