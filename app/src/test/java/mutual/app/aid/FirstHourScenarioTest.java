package mutual.app.aid;

import static mutual.app.aid.People.says;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mutual.app.bench.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's first hour, as two people at a terminal live it: a real node process on loopback at
 * its default settings, and the CLI as the launcher runs it. Each step asserts on what the person
 * sees (the words and the exit code), mistakes and refusals included.
 */
class FirstHourScenarioTest {
    @TempDir
    Path dir;
    NodeProcess node;
    People people;

    @BeforeEach
    void start() throws Exception {
        node = NodeProcess.start(dir.resolve("node"), List.of());
        people = new People(dir, node.url());
        Path gz = Files.writeString(dir.resolve("cities.json"), "[{\"name\":\"Lisbon\",\"lat\":\"38.71667\",\"lng\":\"-9.13333\",\"country\":\"PT\"},"
                + "{\"name\":\"Lisbon\",\"lat\":\"44.0317\",\"lng\":\"-70.1040\",\"country\":\"US\"},"
                + "{\"name\":\"Amadora\",\"lat\":\"38.75382\",\"lng\":\"-9.23083\",\"country\":\"PT\"}]");
        System.setProperty("mutual.gazetteer", gz.toString());
    }

    @AfterEach
    void stop() throws Exception {
        people.close();
        System.clearProperty("mutual.gazetteer");
        node.close();
    }

    @Test
    void twoPeopleMeetTalkAndFinishAMatchThroughMistakesAndADownNode() throws Exception {
        people.ok("alice", "id", "new");
        people.ok("bob", "id", "new");

        // A typo names the option meant, not a missing one, and prints no page of usage.
        PersonRun typo = people.as("alice", "post", "need", "--titel", "Groceries", "--category", "food", "--near", "Lisbon, Portugal");
        says(typo, 2, "unknown option --titel; did you mean --title?");
        assertFalse(typo.all().contains("Usage:"), typo.all());
        says(people.as("alice", "nonsense", "--help"), 2, "unknown command 'nonsense'");
        says(people.as("alice", "post", "need", "--title", "x", "--category", "food", "--near", "Lisbon, PT", "--radius-km", "9999"), 2, "at most 500");
        says(people.as("alice", "post", "need", "--title", "x", "--category", "food", "--near", "Lisbon, PT", "--until", "2031-02-30"), 2, "not a day in the calendar");
        says(people.as("alice", "post", "need", "--title", "x", "--category", "food", "--near", "lisboa"), 2, "did you mean \"Lisbon, PT\"");

        says(people.ok("bob", "post", "offer", "--title", "Veg box", "--category", "food", "--near", "Amadora, Portugal", "--radius-km", "15"), 0, "at Amadora, PT");
        people.ok("alice", "post", "need", "--title", "Groceries for two", "--category", "food", "--near", "lisbon, PT", "--radius-km", "20");
        PersonRun mine = people.awaitOut("alice", "M1", "mine");
        assertTrue(mine.out().contains("L1") && mine.out().contains("suggested") && mine.out().contains("\"Veg box\" in Amadora, PT"), mine.out());
        assertTrue(mine.out().contains("* M1"), "a new match is marked: " + mine.out());
        assertFalse(people.ok("alice", "mine").out().contains("* M1"), "and not the second time");
        PersonRun listings = people.ok("alice", "listings", "--near", "Lisbon, PT", "--radius-km", "20");
        assertTrue(listings.out().contains("Amadora, PT") && listings.out().matches("(?s).*\\d+\\.\\d km.*"), listings.out());
        says(people.ok("alice", "matches", "L1"), 0, "the need reaches 20 km, the offer 15 km");

        // A step out of turn is refused with the reason, and nothing is signed.
        says(people.as("alice", "match", "done", "M1"), 1, "done not sent: not both sides accepted yet");
        says(people.ok("alice", "match", "accept", "M1"), 0, "waiting for the offer side");
        says(people.as("alice", "match", "accept", "M1"), 1, "you already accepted");

        // The two sides talk without ever seeing each other's contact details.
        people.ok("bob", "mine");
        says(people.ok("bob", "message", "send", "M1", "Hi! I can bring it on Saturday."), 0, "sent to npub1");
        says(people.ok("alice", "message", "list"), 0, "(1 new)");
        says(people.ok("alice", "message", "read", "--with", "M1"), 0, "Hi! I can bring it on Saturday.");
        assertFalse(people.ok("alice", "message", "list").out().contains("(1 new)"), "read messages are no longer new");

        says(people.ok("bob", "match", "accept", "M1"), 0, "accepted by both");
        says(people.ok("alice", "match", "done", "M1"), 0, "the match is now done");
        says(people.as("bob", "match", "feedback", "M1"), 2, "feedback needs words");
        people.ok("bob", "match", "thanks", "M1", "--message", "Lovely to meet you");
        says(people.ok("alice", "message", "read", "--with", "M1"), 0, "thanks: Lovely to meet you");
        PersonRun after = people.ok("alice", "matches", "L1");
        assertTrue(after.out().contains("Nothing fits this listing now") && after.out().contains("done      match"), after.out());
        says(people.as("alice", "match", "decline", "M1"), 1, "the match is done");

        // A second node on the same folder and port (the defaults, twice) is refused naming the one running;
        // on another folder, the port in use is named. Neither writes anything.
        String port = Integer.toString(node.url().getPort());
        says(people.as("alice", "serve", "--port", port, "--data", dir.resolve("node").toString()), 2, "process " + node.pid());
        says(people.as("alice", "serve", "--port", port, "--data", dir.resolve("other").toString()), 2, "port " + port + " on 127.0.0.1 is in use");
        says(people.as("alice", "serve", "--port", "80000", "--data", dir.resolve("other").toString()), 2, "must be from 0 to 65535");
        says(people.as("alice", "serve", "--bind", "999.1.1.1", "--data", dir.resolve("other").toString()), 2, "is not an IPv4 address");
        assertFalse(Files.exists(dir.resolve("other")), "a refused start leaves nothing on disk");

        node.close();
        says(people.as("alice", "listings"), 3, "no node answers at " + node.url());
        says(people.as("alice", "listings"), 3, "mutual serve");
    }
}
