package mutual.app.aid;

import static mutual.app.aid.People.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Freedom of movement, as a person fleeing a node lives it: two real node processes on loopback
 * at their default settings; a person with listings, a match, messages, a relay list and 10,000
 * events of history on node A moves to node B with one command while A is up; A is stopped; the
 * other side of their match, whose client knew only A, finds them on B through their relay list,
 * and a message reaches them there.
 */
class MoveScenarioTest {
    @TempDir
    Path dir;
    People people;
    NodeProcess a, b;

    @BeforeEach
    void start() throws Exception {
        a = NodeProcess.start(dir.resolve("a"), List.of());
        b = NodeProcess.start(dir.resolve("b"), List.of());
        people = new People(dir, a.url());
    }

    @AfterEach
    void stop() throws Exception {
        people.close();
        a.close();
        b.close();
    }

    @Test
    void aPersonMovesWithTheirWholeHistoryAndIsFoundOnTheNewNodeAfterTheOldOneStops() throws Exception {
        SecretKey aliceKey = SecretKey.generate();
        people.ok("alice", "id", "import", aliceKey.hex());
        people.ok("bob", "id", "new");
        String aliceNpub = Nip19.npub(aliceKey.publicKey());
        String aUrl = a.url() + "/", bUrl = b.url() + "/";

        // A first post through a node puts it in the person's relay lists.
        says(people.ok("alice", "post", "need", "--title", "Groceries for two", "--category", "food", "--geohash", "eycs0p"), 0,
                "your relay list now names " + aUrl);
        says(people.ok("alice", "id", "show"), 0, "relays " + aUrl);
        people.ok("bob", "post", "offer", "--title", "Veg box", "--category", "food", "--geohash", "eycs0p");
        people.awaitOut("alice", "M1", "mine");
        people.awaitOut("bob", "M1", "mine");
        people.ok("alice", "match", "accept", "M1");
        people.ok("bob", "message", "send", "M1", "Hi! Saturday?");
        people.ok("alice", "message", "send", "M1", "Saturday is good.");

        // Ten thousand events of history, as years of use would leave them.
        int history = 10_000;
        long p0 = System.nanoTime();
        publish(a.url(), aliceKey, history);
        double publishing = (System.nanoTime() - p0) / 1e9;
        long onA = count(a.url(), aliceKey);

        // Bad input first: a --to that is no relay, a node that does not answer; nothing is copied.
        says(people.as("alice", "id", "move", "--to", "http://example.org"), 2, "--to must be a ws:// or wss:// URL");
        says(people.as("alice", "id", "move", "--to", "ws://127.0.0.1:" + NodeProcess.freePort() + "/"), 3, "does not answer");
        says(people.as("alice", "id", "move", "--to", bUrl, "--from", "ws://127.0.0.1:" + NodeProcess.freePort() + "/"), 3, "stopped: connection refused");

        long t = System.nanoTime();
        PersonRun move = people.ok("alice", "id", "move", "--to", bUrl, "--from", aUrl, "-q");
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "id move: %,d events of one person from node A to node B in %.2f s (%,.0f events/s);"
                + " publishing the %,d to A over one connection took %.2f s (%,.0f events/s) in the same run%n",
                onA, seconds, onA / seconds, history, publishing, history / publishing);
        assertTrue(move.out().contains("0 refused") && move.out().contains("your relays now: " + bUrl), move.out());
        assertEquals(onA, count(b.url(), aliceKey), "everything alice wrote is on B");
        says(people.ok("alice", "id", "move", "--to", bUrl, "--from", aUrl, "-q"), 0, "0 events stored");

        // Bob's client asks the node it knows where alice lives now, then that node goes away.
        says(people.ok("bob", "id", "relays", "--of", aliceNpub), 0, "relays " + bUrl);
        a.close();
        says(people.ok("bob", "message", "send", aliceNpub, "Found you on the new node"), 0, "to their inbox relay " + bUrl + ": stored");
        says(people.ok("alice", "message", "read", "--node", bUrl), 0, "Found you on the new node");
        PersonRun read = people.ok("alice", "message", "read", "--node", bUrl);
        assertTrue(read.out().contains("Hi! Saturday?") && read.out().contains("Saturday is good."), "the old conversation came along: " + read.out());
        says(people.ok("bob", "listings", "--node", bUrl), 0, "Groceries for two");
        PersonRun mine = people.ok("alice", "mine", "--node", bUrl);
        assertTrue(mine.out().contains("Groceries for two") && mine.out().contains("M1"), "the listing and the match came along: " + mine.out());
    }

    @Test
    void aMoveToANodeThatRefusesSomeEventsSaysWhatDidNotArriveAndASecondRunResumesAndFinishes() throws Exception {
        SecretKey aliceKey = SecretKey.generate();
        people.ok("alice", "id", "import", aliceKey.hex());
        publish(a.url(), aliceKey, 2_000);
        // The new node takes 5 events a second from one author (bursts of 50): most of the move is refused.
        b.close();
        int port = NodeProcess.freePort();
        b = NodeProcess.start(dir.resolve("b2"), port, List.of("--events-per-second-per-pubkey", "5"));
        String bUrl = b.url() + "/", aUrl = a.url() + "/";
        PersonRun first = people.as("alice", "id", "move", "--to", bUrl, "--from", aUrl, "-q");
        says(first, 1, "rate-limited:");
        assertTrue(first.out().contains("run the same command again"), first.out());
        long arrived = count(b.url(), aliceKey);
        assertTrue(arrived > 0 && arrived < 2_000, "some arrived: " + arrived);

        // The operator lifts the limit; the same command finishes the move.
        b.close();
        b = NodeProcess.start(dir.resolve("b2"), port, List.of());
        PersonRun second = people.ok("alice", "id", "move", "--to", bUrl, "--from", aUrl, "-q");
        assertTrue(second.out().contains(" 0 refused"), second.out());
        assertEquals(2_000 + 2, count(b.url(), aliceKey), "everything arrived in the end, and the two new relay lists");
    }

    @Test
    void withTheOldNodeAlreadyGoneAPersonMovesFromTheNodeThatReplicatedIt() throws Exception {
        try (NodeProcess c = NodeProcess.start(dir.resolve("c"), List.of("--peer", a.url() + "/", "--sync-interval-seconds", "3"))) {
            SecretKey aliceKey = SecretKey.generate();
            people.ok("alice", "id", "import", aliceKey.hex());
            people.ok("bob", "id", "new");
            String aliceNpub = Nip19.npub(aliceKey.publicKey()), bUrl = b.url() + "/", cUrl = c.url() + "/";
            people.ok("alice", "post", "need", "--title", "Groceries for two", "--category", "food", "--geohash", "eycs0p");
            // Nodes do not replicate gift wraps; a message survives a seized node on the other relays of the recipient's list.
            people.ok("alice", "id", "relays", "set", a.url() + "/", cUrl);
            says(people.ok("bob", "message", "send", aliceNpub, "Hi! I have vegetables."), 0, "also to their inbox relay " + cUrl + ": stored");
            publish(a.url(), aliceKey, 500);
            awaitCount(c.url(), aliceKey, count(a.url(), aliceKey));
            a.close(); // seized
            // Reading through a node that holds nothing of hers, alice still finds what the other relay of her list holds.
            says(people.ok("alice", "message", "read", "--node", bUrl), 0, "Hi! I have vegetables.");

            PersonRun move = people.ok("alice", "id", "move", "--to", bUrl, "--from", cUrl, "-q");
            assertTrue(move.out().contains("0 refused") && move.out().contains("your relays now: " + bUrl), move.out());
            assertTrue(move.out().contains("lists not published to " + a.url()), "the node that is gone is named: " + move.out());

            // Bob's node is gone too; the node that replicated it tells him where alice lives now. Then it goes as well.
            says(people.ok("bob", "id", "relays", "--of", aliceNpub, "--node", cUrl), 0, "relays " + bUrl);
            c.close();
            says(people.ok("alice", "message", "read", "--node", bUrl), 0, "Hi! I have vegetables.");
            says(people.ok("bob", "message", "send", aliceNpub, "Still there?"), 0, "to their inbox relay " + bUrl + ": stored");
            says(people.ok("alice", "message", "read", "--node", bUrl), 0, "Still there?");
            says(people.ok("bob", "listings", "--node", bUrl), 0, "Groceries for two");
        }
    }

    @Test
    void withTheOldNodeGoneAPersonMovesFromABundleOfItsDisk() throws Exception {
        SecretKey aliceKey = SecretKey.generate(), someoneElse = SecretKey.generate();
        people.ok("alice", "id", "import", aliceKey.hex());
        String bUrl = b.url() + "/";
        people.ok("alice", "post", "need", "--title", "Groceries for two", "--category", "food", "--geohash", "eycs0p");
        publish(a.url(), aliceKey, 1_200);
        publish(a.url(), someoneElse, 50);
        long hers = count(a.url(), aliceKey);
        a.close(); // seized; what is left is a copy of its disk
        Path bundle = dir.resolve("a.bundle");
        says(people.as("alice", "bundle", "export", "--data", dir.resolve("a").toString(), "-o", bundle.toString()), 0, "");

        says(people.as("alice", "id", "move", "--to", bUrl, "--from-bundle", dir.resolve("missing.bundle").toString()), 3, "cannot read the bundle");
        PersonRun move = people.ok("alice", "id", "move", "--to", bUrl, "--from-bundle", bundle.toString(), "-q");
        assertTrue(move.out().contains("0 refused") && move.out().contains("from bundle " + bundle), move.out());
        assertEquals(hers, count(b.url(), aliceKey), "her history, with her lists now naming B in place of the old ones");
        assertEquals(0, count(b.url(), someoneElse), "only what is hers or addressed to her moves");
        PersonRun again = people.ok("alice", "id", "move", "--to", bUrl, "--from-bundle", bundle.toString(), "-q");
        assertTrue(again.out().contains(" 0 events stored"), "a second run finds everything there: " + again.out());
        says(people.ok("alice", "listings", "--node", bUrl), 0, "Groceries for two");
    }

    @Test
    void manyEventsOfOneSecondAllMoveAndASecondRunSendsNothingAgain() throws Exception {
        SecretKey aliceKey = SecretKey.generate();
        people.ok("alice", "id", "import", aliceKey.hex());
        long second = System.currentTimeMillis() / 1000 - 3600;
        try (RelayClient c = RelayClient.connect(a.url(), Duration.ofSeconds(10))) {
            List<CompletableFuture<?>> oks = new ArrayList<>();
            for (int i = 0; i < 1_300; i++) oks.add(c.publish(EventBuilder.create(1, second).content("same second " + i).sign(aliceKey)));
            CompletableFuture.allOf(oks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        String bUrl = b.url() + "/";
        PersonRun move = people.ok("alice", "id", "move", "--to", bUrl, "--from", a.url() + "/", "-q");
        assertTrue(move.out().contains("1,300 events stored"), "more than a page of one second, all there: " + move.out());
        assertEquals(1_300 + 2, count(b.url(), aliceKey), "and her new lists");
        PersonRun again = people.ok("alice", "id", "move", "--to", bUrl, "--from", a.url() + "/", "--restart", "-q");
        assertTrue(again.out().contains(" 0 events stored"), "the new node's set is known: nothing is sent twice: " + again.out());
    }

    private static void awaitCount(URI relay, SecretKey who, long expected) throws Exception {
        long n = -1;
        for (int i = 0; i < 300 && n != expected; i++) {
            n = count(relay, who);
            if (n != expected) Thread.sleep(100);
        }
        assertEquals(expected, n, "alice's events on " + relay);
    }

    private static void publish(URI relay, SecretKey key, int n) throws Exception {
        try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(10))) {
            long t0 = System.currentTimeMillis() / 1000 - n;
            List<CompletableFuture<?>> oks = new ArrayList<>();
            for (int i = 0; i < n; i++) oks.add(c.publish(EventBuilder.create(1, t0 + i).content("note " + i).sign(key)));
            CompletableFuture.allOf(oks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
    }

    private static long count(URI relay, SecretKey who) throws Exception {
        try (RelayClient c = RelayClient.connect(relay, Duration.ofSeconds(10))) {
            return c.count("n", List.of(Filter.builder().authors(who.publicKey()).build())).get(30, TimeUnit.SECONDS);
        }
    }

}
