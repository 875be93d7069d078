package mutual.engine.testing;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import mutual.engine.Node;
import mutual.engine.NodeConfig;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.relay.RelayConfig;
import mutual.store.sqlite.SqliteStore;

/**
 * A real node on 127.0.0.1 with an ephemeral port, a real SQLite store in a temporary folder and
 * a clock the test moves. Rate limits are off unless a test turns them on.
 */
public final class TestNode implements AutoCloseable {
    public final MutableClock clock;
    public final SqliteStore store;
    public final Node node;
    public final int port;

    private TestNode(Path dir, Consumer<NodeConfig.Builder> tweak, Consumer<Node.Builder> wiring) {
        clock = MutableClock.atStart();
        store = SqliteStore.builder(dir).readers(2).clock(clock).open();
        NodeConfig.Builder cb = NodeConfig.builder(Keys.key(999)).port(0)
                .policy(PolicyConfig.defaults().withRates(PolicyConfig.Rate.unlimited(), PolicyConfig.Rate.unlimited()))
                .relay(RelayConfig.defaults().withMessageRate(PolicyConfig.Rate.unlimited()));
        tweak.accept(cb);
        Node.Builder nb = Node.builder(cb.build(), store).clock(clock).random(new Random(7));
        wiring.accept(nb);
        node = nb.build();
        port = node.start();
    }

    public static TestNode start(Path dir) {
        return new TestNode(dir, b -> {}, b -> {});
    }

    public static TestNode start(Path dir, Consumer<NodeConfig.Builder> tweak) {
        return new TestNode(dir, tweak, b -> {});
    }

    public static TestNode start(Path dir, Consumer<NodeConfig.Builder> tweak, Consumer<Node.Builder> wiring) {
        return new TestNode(dir, tweak, wiring);
    }

    public WsClient connect() {
        return WsClient.connect(port);
    }

    public long now() {
        return clock.seconds();
    }

    @Override
    public void close() {
        node.close();
        store.close();
    }
}
