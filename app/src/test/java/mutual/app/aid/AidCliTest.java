package mutual.app.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.engine.Node;
import mutual.engine.NodeConfig;
import mutual.engine.aid.Aid;
import mutual.engine.aid.MatchState;
import mutual.protocol.crypto.SecretKey;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aid commands against a real node with the aid engine, as two people would use them. */
class AidCliTest {

    @TempDir
    Path dir;
    SqliteStore store;
    Node node;
    Aid aid;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(dir.resolve("node"));
        SecretKey key = SecretKey.generate();
        Node.Builder nb = Node.builder(NodeConfig.builder(key).port(0).build(), store);
        aid = Aid.install(nb, store, key, InstantSource.system());
        node = nb.build();
        aid.attach(node);
        int port = node.start();
        System.setProperty("mutual.relay", "ws://127.0.0.1:" + port + "/");
        System.setProperty("mutual.passphrase", "correct horse battery staple");
        System.setProperty("mutual.scrypt.logn", "10");
        Path gz = Files.writeString(dir.resolve("cities.json"), "[{\"name\":\"Kreuzberg\",\"lat\":\"52.4986\",\"lng\":\"13.4030\",\"country\":\"DE\",\"admin1\":\"16\",\"admin2\":\"\"},"
                + "{\"name\":\"Paris\",\"lat\":\"48.85341\",\"lng\":\"2.3488\",\"country\":\"FR\"},{\"name\":\"Paris\",\"lat\":\"33.66094\",\"lng\":\"-95.55551\",\"country\":\"US\"}]");
        System.setProperty("mutual.gazetteer", gz.toString());
    }

    @AfterEach
    void stop() {
        for (String p : new String[] {"mutual.relay", "mutual.passphrase", "mutual.scrypt.logn", "mutual.gazetteer", "mutual.home"}) System.clearProperty(p);
        aid.close();
        node.close();
        store.close();
    }

    PersonRun as(String who, String... args) {
        return PersonRun.as(dir.resolve(who), args);
    }

    PersonRun ok(String who, String... args) {
        PersonRun r = as(who, args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    @Test
    void twoPeoplePostMatchAndCloseFromTheCommandLine() throws Exception {
        ok("alice", "id", "new");
        ok("bob", "id", "new");
        String bobOffer = field(ok("bob", "post", "offer", "--title", "Vegetables", "--category", "food", "--geohash", "u33d9rvn",
                "--radius-km", "8", "--quantity", "10 kg", "--lang", "de", "--json").out(), "ref");
        PersonRun need = ok("alice", "post", "need", "--title", "Groceries", "--category", "food", "--near", "Kreuzberg",
                "--urgency", "urgent", "--until", "2999-01-01", "--json");
        String aliceNeed = field(need.out(), "ref");
        assertTrue(need.out().contains("[\"g\",\"u33d8\"]"), "near precision cuts the place to 5 characters: " + need.out());
        aid.idle().get();

        String matches = ok("alice", "matches", aliceNeed, "--json").out();
        assertTrue(matches.contains(bobOffer), matches);
        String ref = field(matches, "match_ref");
        assertTrue(ok("alice", "matches", aliceNeed).out().contains("Vegetables"));
        PersonRun ls = ok("alice", "listings", "--type", "offer", "--near", "Kreuzberg", "--json");
        assertTrue(ls.out().contains(bobOffer), ls.out() + ls.err());

        ok("alice", "match", "accept", ref);
        ok("bob", "match", "accept", ref);
        ok("bob", "match", "done", ref);
        ok("alice", "match", "thanks", ref, "--message", "Danke!");
        waitFor(() -> aid.match(ref).orElseThrow().steps().size() == 5, () -> aid.match(ref).toString());
        assertEquals(MatchState.DONE, aid.match(ref).orElseThrow().state());

        ok("alice", "close", aliceNeed, "--fulfilled");
        waitFor(() -> aid.indexed() == 1);
        assertTrue(ok("alice", "listings", "--status", "fulfilled", "--json").out().contains(aliceNeed));
    }

    @Test
    void aKeyMovesBetweenDevicesEncrypted() {
        String npub = field(ok("alice", "id", "new", "--json").out(), "npub");
        String ncryptsec = ok("alice", "id", "export").out().strip();
        assertTrue(ncryptsec.startsWith("ncryptsec1"));
        assertEquals(npub, field(ok("laptop", "id", "import", ncryptsec, "--json").out(), "npub"));
        assertEquals(npub, field(ok("laptop", "id", "show", "--json").out(), "npub"));
        String nsec = ok("laptop", "id", "export", "--nsec").out().strip();
        assertEquals(npub, field(ok("phone", "id", "import", nsec, "--json").out(), "npub"));
        assertEquals(2, as("phone", "id", "new").code(), "an existing key is never overwritten without --force");
    }

    @Test
    void mistakesGetAMessageAndExitCodeTwo() {
        ok("alice", "id", "new");
        assertMistake(as("alice", "post", "need", "--title", "x", "--category", "food"), "exactly one of --geohash or --near");
        assertMistake(as("alice", "post", "need", "--title", "x", "--category", "books", "--geohash", "u33d"), "unknown category");
        assertMistake(as("alice", "post", "need", "--title", "x", "--category", "food", "--near", "Paris"), "add the country");
        assertMistake(as("alice", "post", "need", "--title", "x", "--category", "food", "--near", "Atlantis"), "no place called");
        assertMistake(as("alice", "post", "gift", "--title", "x", "--category", "food", "--geohash", "u33d"), "'need' or 'offer'");
        assertMistake(as("nobody", "post", "need", "--title", "x", "--category", "food", "--geohash", "u33d"), "mutual id new");
        assertMistake(as("alice", "listings", "--type", "gift"), "type must be offer or need");
        assertMistake(as("alice", "listings", "--near", "Kreuzberg", "--geohash", "u33d"), "not both");
        assertEquals(0, as("alice", "post", "need", "--title", "x", "--category", "food", "--near", "Paris, FR").code());
    }

    static void assertMistake(PersonRun r, String message) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message) && !r.err().contains("\tat "), r.err());
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        waitFor(c, () -> "condition");
    }

    static void waitFor(java.util.function.BooleanSupplier c, java.util.function.Supplier<String> what) throws InterruptedException {
        for (int i = 0; i < 500 && !c.getAsBoolean(); i++) Thread.sleep(10);
        assertTrue(c.getAsBoolean(), what);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
