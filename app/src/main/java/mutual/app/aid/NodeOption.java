package mutual.app.aid;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --node URL}: which node an aid command talks to (a picocli mixin, one declaration for every command). */
final class NodeOption {
    @Option(names = "--node", paramLabel = "URL", description = "the node's relay URL (default $MUTUAL_RELAY or ws://127.0.0.1:7447/)")
    Optional<String> node = Optional.empty();

    NodeLink link() {
        return NodeLink.of(node.orElseGet(CliEnv::relay));
    }
}
