package mutual.app.aid;

import static mutual.app.aid.People.says;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import mutual.app.bench.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two communities on two real node processes that replicate each other: each decides by consent
 * to link with the other, and an urgent need in one that stays unmatched past its community's
 * referral time is offered across the link and matched there, beyond its reach (docs/protocol.md,
 * "Links and referral"). People act as if three hours ago ($MUTUAL_NOW), so that one-hour periods
 * have passed when they look.
 */
class CommunityMeshScenarioTest {
    @TempDir
    Path dir;
    NodeProcess a, b;
    People people;
    String onB;

    @BeforeEach
    void start() throws Exception {
        a = NodeProcess.start(dir.resolve("a"), List.of());
        b = NodeProcess.start(dir.resolve("b"), List.of("--peer", a.url() + "/", "--sync-interval-seconds", "3"));
        people = new People(dir, a.url());
        onB = b.url() + "/";
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("mutual.now");
        people.close();
        a.close();
        b.close();
    }

    @Test
    void aLinkAcrossTwoNodesIsDecidedOnBothSidesAndAnUrgentNeedIsReferredAndMatchedThere() throws Exception {
        for (String p : List.of("alice", "bob", "dave", "erin")) people.ok(p, "id", "new");
        String bob = CommunityScenarioTest.first(Pattern.compile("(npub1[0-9a-z]+)"), people.ok("bob", "id", "show").out());
        String erin = CommunityScenarioTest.first(Pattern.compile("(npub1[0-9a-z]+)"), people.ok("erin", "id", "show").out());
        long t0 = Instant.now().getEpochSecond() - 3 * 3600;

        // The garden in Kreuzberg on node A, the workshop in Potsdam on node B; each passes an urgent need on after an hour.
        CommunityScenarioTest.at(t0);
        people.ok("alice", "community", "create", "--name", "Garden", "--purpose", "Food from the garden.", "--period", "1h", "--referral", "1h",
                "--geohash", "u33db");
        CommunityScenarioTest.at(t0 + 5);
        people.ok("dave", "community", "create", "--name", "Workshop", "--purpose", "Tools for all.", "--period", "1h", "--referral", "1h",
                "--geohash", "u336x", "--node", onB);
        CommunityScenarioTest.at(t0 + 10);
        people.ok("bob", "community", "join", "Garden");
        CommunityScenarioTest.at(t0 + 20);
        people.ok("alice", "community", "vouch", "Garden", bob);
        CommunityScenarioTest.at(t0 + 30);
        people.ok("erin", "community", "join", "Workshop", "--node", onB);
        CommunityScenarioTest.at(t0 + 40);
        people.ok("dave", "community", "vouch", "Workshop", erin, "--node", onB);

        // Each node has the other's community once they reconcile; each side consents to the link.
        people.awaitOut("alice", "\"Workshop\"", "community", "list");
        people.awaitOut("dave", "\"Garden\"", "community", "list", "--node", onB);
        CommunityScenarioTest.at(t0 + 100);
        people.ok("alice", "propose", "Garden", "link", "Workshop", "--why", "They lend tools.");
        CommunityScenarioTest.at(t0 + 110);
        people.ok("dave", "propose", "Workshop", "link", "Garden", "--why", "They grow food.", "--node", onB);

        // Bob needs a drill, urgently, within 5 km; nobody in Kreuzberg has one.
        CommunityScenarioTest.at(t0 + 200);
        people.ok("bob", "post", "need", "--title", "A drill, today", "--category", "tools", "--urgency", "urgent", "--geohash", "u33db",
                "--radius-km", "5");
        System.clearProperty("mutual.now");
        says(people.ok("bob", "community", "show", "Garden"), 0, "(linked: both sides passed it)");
        people.awaitOut("dave", "linked with (1):\n  \"Garden\"", "community", "show", "Workshop", "--node", onB);

        // Erin, in the workshop 25 km away, offers one on node B; the garden's need reached the workshop two hours ago.
        people.ok("erin", "post", "offer", "--title", "Drill to lend", "--category", "tools", "--geohash", "u336x", "--radius-km", "5", "--node", onB);
        people.ok("bob", "mine");
        String matches = people.awaitOut("bob", "referred to \"Workshop\" (linked with \"Garden\")", "matches", "L1").out();
        assertTrue(matches.contains("Drill to lend") && matches.contains("Referred, as it stayed unmatched"), matches);
        assertTrue(matches.matches("(?s).*to \"Workshop\" \\(2 members\\), linked with \"Garden\".*"), matches);

        // And matched there: both accept the node's suggestion, each on their own node.
        people.awaitOut("bob", "M1", "mine");
        people.ok("bob", "match", "accept", "M1");
        people.awaitOut("erin", "M1", "mine", "--node", onB);
        people.ok("erin", "match", "accept", "M1", "--node", onB);
        people.awaitOut("bob", "\"state\":\"accepted\"", "matches", "L1", "--json");
    }
}
