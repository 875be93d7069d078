package mutual.app.aid;

import static mutual.app.aid.People.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mutual.app.bench.NodeProcess;
import mutual.engine.client.RelayClient;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.nip19.Nip19;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving a node for good (NIP-62), across real node processes: B replicates with A; a person
 * asks A to forget them; A and B both do, and their events never come back, neither from a bundle
 * made before nor from a client.
 */
class VanishMeshTest {
    @TempDir
    Path dir;
    People people;
    NodeProcess a, b;

    @BeforeEach
    void start() throws Exception {
        a = NodeProcess.start(dir.resolve("a"), List.of());
        b = NodeProcess.start(dir.resolve("b"), List.of("--peer", a.url() + "/", "--sync-interval-seconds", "3"));
        people = new People(dir, a.url());
    }

    @AfterEach
    void stop() throws Exception {
        people.close();
        a.close();
        b.close();
    }

    @Test
    void aVanishRequestSentToOneNodeIsHonouredByItsPeerAndNothingComesBackThroughABundle() throws Exception {
        SecretKey alice = SecretKey.generate();
        says(people.as("alice", "id", "import", alice.hex()), 0, Nip19.npub(alice.publicKey()));
        says(people.as("bob", "id", "new"), 0, "npub1");
        long now = System.currentTimeMillis() / 1000;
        try (RelayClient c = RelayClient.connect(a.url(), Duration.ofSeconds(10))) {
            List<CompletableFuture<?>> oks = new ArrayList<>();
            for (int i = 0; i < 50; i++) oks.add(c.publish(EventBuilder.create(1, now - 100 + i).content("note " + i).sign(alice)));
            CompletableFuture.allOf(oks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        says(people.as("bob", "message", "send", Nip19.npub(alice.publicKey()), "hello alice"), 0, "sent to");
        awaitCount(b.url(), alice, 50);
        Path bundle = dir.resolve("before.bundle");
        says(people.as("alice", "bundle", "export", "--data", dir.resolve("b").toString(), "-o", bundle.toString(), "--gift-wraps"), 0, "");

        says(people.as("alice", "id", "vanish"), 2, "vanish from where?");
        says(people.as("alice", "id", "vanish", "--from", "ws://127.0.0.1:" + NodeProcess.freePort() + "/"), 3, "did not take the request: connection refused");
        says(people.as("alice", "id", "vanish", "--from", a.url() + "/", "--reason", "leaving"), 0, a.url() + "/: forgets you");
        awaitCount(a.url(), alice, 0);
        awaitCount(b.url(), alice, 0); // B replicates with A: it honours a request naming A

        // A bundle made before the request brings nothing of alice back, into either node.
        people.as("alice", "bundle", "import", bundle.toString(), "--data", dir.resolve("a").toString(), "-q");
        people.as("alice", "bundle", "import", bundle.toString(), "--data", dir.resolve("b").toString(), "-q");
        Thread.sleep(3000); // a node notices writes by another process within two seconds
        assertEquals(0, count(a.url(), alice), "nothing of alice on A after the bundle");
        assertEquals(0, count(b.url(), alice), "nothing of alice on B after the bundle");
        try (RelayClient c = RelayClient.connect(b.url(), Duration.ofSeconds(10))) {
            var ok = c.publish(EventBuilder.create(1, now - 5).content("an old note again").sign(alice)).get(10, TimeUnit.SECONDS);
            assertFalse(ok.accepted(), "B refuses alice's past from a client too");
            assertTrue(ok.message().contains("NIP-62"), ok.message());
        }
    }

    /** Alice's notes (kind 1) on the node. */
    private static long count(URI relay, SecretKey who) throws Exception {
        try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(10))) {
            return c.count("n", List.of(Filter.builder().authors(who.publicKey()).kinds(1).build())).get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitCount(URI relay, SecretKey who, long expected) throws Exception {
        long n = -1;
        for (int i = 0; i < 300 && n != expected; i++) {
            n = count(relay, who);
            if (n != expected) Thread.sleep(100);
        }
        assertEquals(expected, n, "alice's notes on " + relay);
    }
}
