package mutual.engine.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import mutual.engine.Node;
import mutual.engine.NodeConfig;
import mutual.engine.ingest.Outcome;
import mutual.engine.ingest.Source;
import mutual.engine.policy.PolicyConfig;
import mutual.engine.relay.RelayConfig;
import mutual.engine.testing.Keys;
import mutual.engine.testing.MutableClock;
import mutual.protocol.community.CommunityExamples;
import mutual.protocol.community.CommunityLedger;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.Tally;
import mutual.protocol.event.Event;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node keeps the example community's tally as its events are published, serves it, and has the same after a restart. */
class CommunitiesTest {
    private static final long CLOSE = CommunityExamples.proposal().createdAt() + CommunityExamples.PERIOD;

    /** A node on loopback with the community and aid engines installed as the app installs them. */
    static final class TestNode implements AutoCloseable {
        final MutableClock clock = MutableClock.atStart();
        final SqliteStore store;
        final Node node;
        final Communities communities;
        final mutual.engine.aid.Aid aid;
        final int port;

        TestNode(Path dir, long at) {
            clock.advance(Duration.ofSeconds(at - MutableClock.START));
            store = SqliteStore.builder(dir).readers(2).clock(clock).open();
            NodeConfig config = NodeConfig.builder(Keys.key(999)).port(0)
                    .policy(PolicyConfig.defaults().withRates(PolicyConfig.Rate.unlimited(), PolicyConfig.Rate.unlimited()))
                    .relay(RelayConfig.defaults().withMessageRate(PolicyConfig.Rate.unlimited())).build();
            Node.Builder nb = Node.builder(config, store).clock(clock).random(new Random(7));
            communities = Communities.install(nb, store, clock);
            aid = mutual.engine.aid.Aid.install(nb, store, Keys.key(999), clock, 10_000, communities.trust(), communities.referrals());
            node = nb.build();
            communities.attach(node);
            aid.attach(node);
            port = node.start();
        }

        void publishAtItsTime(Event e) throws Exception {
            clock.advance(Duration.ofSeconds(Math.max(0, e.createdAt() - clock.seconds())));
            Outcome o = node.submit(e, new Source.Local("test")).get();
            assertTrue(o.accepted(), o.message());
        }

        /** Waits until the community thread has taken in what the node notified and the tally is {@code expected}, or fails after 10 s. */
        void awaitTally(Tally expected) throws Exception {
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String got = "";
            while (System.nanoTime() < end) {
                communities.idle().get();
                got = communities.tally(CommunityExamples.id()).map(Tally::render).orElse("");
                if (got.equals(expected.render())) return;
                Thread.sleep(10);
            }
            assertEquals(expected.render(), got, "the node's notifier hands events over after OK; waited 10 s");
        }

        HttpResponse<String> get(String path) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            aid.close();
            communities.close();
            node.close();
            store.close();
        }
    }

    private static Tally expected(long now) {
        List<Event> all = CommunityExamples.all();
        return CommunityLedger.compute(CommunityExamples.id(), all.stream().map(CommunityParser::parse).toList(), now).orElseThrow();
    }

    @Test
    void theTallyFollowsPublishedEventsAndIsServed(@TempDir Path dir) throws Exception {
        try (TestNode n = new TestNode(dir, CommunityExamples.T)) {
            for (Event e : CommunityExamples.all()) n.publishAtItsTime(e);
            n.clock.advance(Duration.ofSeconds(CLOSE - n.clock.seconds()));
            n.awaitTally(expected(CLOSE));

            HttpResponse<String> r = n.get("/api/communities/" + CommunityExamples.id().hex());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"name\":\"Kreuzberg food sharing\""), r.body());
            assertTrue(r.body().contains("\"status\":\"passed\""), r.body());
            assertTrue(r.body().contains("\"key\":\"pickup-times\""), r.body());
            assertEquals(404, n.get("/api/communities/" + "0".repeat(64)).statusCode());
            long beforeCarol = CommunityExamples.T + 86400;
            HttpResponse<String> past = n.get("/api/communities/" + CommunityExamples.id().hex() + "?at=" + beforeCarol);
            assertEquals(200, past.statusCode(), past.body());
            assertTrue(past.body().contains("\"now\":" + beforeCarol), past.body());
            assertTrue(!past.body().contains("\"pubkey\":\"" + CommunityExamples.CAROL.publicKey().hex()), "Carol was not yet a member");
            assertEquals(expected(beforeCarol).render(), n.communities.tallyAt(CommunityExamples.id(), beforeCarol).orElseThrow().render());
            assertEquals(400, n.get("/api/communities/" + CommunityExamples.id().hex() + "?at=yesterday").statusCode());
            HttpResponse<String> bad = n.get("/api/communities/kreuzberg");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("64 lowercase hex"), bad.body());
        }
    }

    @Test
    void eventsThatArriveLateAndInReverseOrderGiveTheSameTally(@TempDir Path dir) throws Exception {
        try (TestNode n = new TestNode(dir, CLOSE + 60)) {
            List<Event> reversed = new java.util.ArrayList<>(CommunityExamples.all());
            java.util.Collections.reverse(reversed); // the founding last: its events wait in the store until it comes
            for (Event e : reversed) n.publishAtItsTime(e); // the clock is already past them all: a bundle, a healed partition
            n.awaitTally(expected(CLOSE + 60));
        }
    }

    @Test
    void aRestartedNodeReadsTheSameTallyFromItsStore(@TempDir Path dir) throws Exception {
        try (TestNode n = new TestNode(dir, CommunityExamples.T)) {
            for (Event e : CommunityExamples.all()) n.publishAtItsTime(e);
        }
        try (TestNode again = new TestNode(dir, CLOSE + 60)) {
            assertEquals(expected(CLOSE + 60).render(), again.communities.tally(CommunityExamples.id()).orElseThrow().render());
        }
    }
}
