package mutual.engine.mesh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mutual.engine.ingest.Source;
import mutual.engine.testing.Keys;
import mutual.engine.testing.TestNode;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.Bound;
import mutual.protocol.negentropy.Fingerprint;
import mutual.protocol.negentropy.Message;
import mutual.protocol.negentropy.Range;
import mutual.protocol.negentropy.RangeMode;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.RelayMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that answers every negentropy message with a fresh, never-matching fingerprint of the
 * whole range: a well-formed exchange that never converges. The sync must end with a clear
 * error after a bounded number of rounds, not run forever.
 */
class StallingPeerTest {
    @TempDir
    Path dir;

    @Test
    void aPeerThatNeverConvergesIsCutOffAfterBoundedRounds() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (TestNode node = TestNode.start(dir)) {
            for (int i = 0; i < 50; i++) node.node.submit(Keys.note(Keys.key(3), node.now() - 100 + i, "n" + i), new Source.Local("test")).join();
            StallingChannel peer = new StallingChannel();
            var sync = new Reconciliation(peer, node.node.local(), PeerSpec.of("ws://127.0.0.1:1/"),
                    new SchedulerTimer(scheduler, InstantSource.system())).run();
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> sync.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("without naming a single new id"), e.getCause().getMessage());
            assertTrue(peer.answered.get() <= Reconciliation.MAX_BARREN_ROUNDS + 2, "rounds: " + peer.answered.get());
            assertTrue(peer.closed, "the session is closed with NEG-CLOSE");
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Answers NEG-OPEN and NEG-MSG at once with a random fingerprint over everything. */
    private static final class StallingChannel implements PeerChannel {
        final AtomicInteger answered = new AtomicInteger();
        final Random random = new Random(1);
        volatile boolean closed;
        private Consumer<RelayMessage> handler = m -> {};

        @Override
        public void negentropy(ClientMessage m) {
            String sub;
            switch (m) {
                case ClientMessage.NegOpen o -> sub = o.subscriptionId();
                case ClientMessage.NegMsg n -> sub = n.subscriptionId();
                default -> {
                    closed = true;
                    return;
                }
            }
            byte[] fp = new byte[Fingerprint.SIZE];
            random.nextBytes(fp);
            byte[] reply = Message.of(List.of(new Range(Bound.infinity(), new RangeMode.FingerprintOf(Fingerprint.of(fp))))).toBytes();
            answered.incrementAndGet();
            CompletableFuture.runAsync(() -> handler.accept(new RelayMessage.NegMsg(sub, reply)));
        }

        @Override
        public void onNegentropy(Consumer<RelayMessage> h) {
            handler = h;
        }

        @Override
        public CompletableFuture<RelayMessage.Ok> publish(Event event) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<List<Event>> query(Filter filter) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void subscribe(String subscriptionId, Filter filter, Consumer<Event> onEvent) {}

        @Override
        public CompletableFuture<Void> closed() {
            return new CompletableFuture<>();
        }

        @Override
        public long bytesSent() {
            return 0;
        }

        @Override
        public long bytesReceived() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
