package mutual.engine.aid;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;
import mutual.engine.Node;
import mutual.engine.NodeConfig;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.relay.RelayConfig;
import mutual.engine.testing.Keys;
import mutual.engine.testing.MutableClock;
import mutual.engine.testing.WsClient;
import mutual.protocol.crypto.SecretKey;
import mutual.store.sqlite.SqliteStore;

/** A real node on loopback with the aid engine installed as the app will install it (see {@link Aid#install}). */
final class AidTestNode implements AutoCloseable {
    static final SecretKey NODE_KEY = Keys.key(999);

    final MutableClock clock = MutableClock.atStart();
    final SqliteStore store;
    final Node node;
    final Aid aid;
    final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    AidTestNode(Path dir) {
        this(dir, Aid.defaultMaxListings());
    }

    /** A node whose listing index holds at most {@code maxListings}. */
    AidTestNode(Path dir, int maxListings) {
        this(dir, maxListings, Duration.ZERO);
    }

    /** A node whose clock starts {@code ahead} of {@link MutableClock#START} (a restart long after). */
    AidTestNode(Path dir, int maxListings, Duration ahead) {
        clock.advance(ahead);
        store = SqliteStore.builder(dir).readers(2).clock(clock).open();
        NodeConfig config = NodeConfig.builder(NODE_KEY).port(0)
                .policy(PolicyConfig.defaults().withRates(PolicyConfig.Rate.unlimited(), PolicyConfig.Rate.unlimited()))
                .relay(RelayConfig.defaults().withMessageRate(PolicyConfig.Rate.unlimited())).build();
        Node.Builder nb = Node.builder(config, store).clock(clock).random(new Random(7));
        aid = Aid.install(nb, store, NODE_KEY, clock, maxListings);
        node = nb.build();
        aid.attach(node);
        port = node.start();
    }

    WsClient connect() {
        return WsClient.connect(port);
    }

    long now() {
        return clock.seconds();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the aid thread has handled everything so far and {@code done} holds, or fails after 10 s. */
    void await(BooleanSupplier done, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            aid.idle().get();
            if (done.getAsBoolean()) return;
            Thread.sleep(10);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Override
    public void close() {
        aid.close();
        node.close();
        store.close();
    }
}
