package mutual.app.aid;

import static mutual.app.aid.People.says;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mutual.app.bench.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A community's first decisions, as its members live them at a terminal: a real node process at
 * its default settings, and the CLI. The node runs on the real clock, so the people act as if
 * three hours ago ($MUTUAL_NOW, which the protocol allows: back-dated events are signed and kept
 * on the record, docs/protocol.md "Late events and back-dating"); their one-hour proposals have
 * closed by the time they look, and the node's tally says what passed.
 */
class CommunityScenarioTest {
    @TempDir
    Path dir;
    NodeProcess node;
    People people;

    @BeforeEach
    void start() throws Exception {
        node = NodeProcess.start(dir.resolve("node"), List.of());
        people = new People(dir, node.url());
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("mutual.now");
        people.close();
        node.close();
    }

    static void at(long t) {
        System.setProperty("mutual.now", Long.toString(t));
    }

    static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in: " + text);
        return m.group(1);
    }

    String npub(String who) {
        return first(Pattern.compile("(npub1[0-9a-z]+)"), people.ok(who, "id", "show").out());
    }

    @Test
    void aCommunityIsFoundedVouchesInItsMembersAndDecidesByConsent() throws Exception {
        for (String p : List.of("alice", "bob", "carol", "dave")) people.ok(p, "id", "new");
        String bob = npub("bob"), carol = npub("carol"), dave = npub("dave");
        long t0 = Instant.now().getEpochSecond() - 3 * 3600;

        at(t0);
        // Mistakes in the founding are said in words, with nothing signed.
        says(people.as("alice", "community", "create", "--name", "x", "--purpose", "y", "--period", "30m"), 2, "period must be 3600 to 7776000 seconds, got 1800");
        says(people.as("alice", "community", "create", "--name", "x", "--purpose", "y", "--agreement", "respect"), 2, "--agreement is KEY=TEXT");
        String created = people.ok("alice", "community", "create", "--name", "Garden food sharing", "--purpose", "Nobody nearby goes hungry.",
                "--agreement", "respect=We treat each other with respect.", "--period", "1h", "--json").out();
        String id = first(Pattern.compile("\"id\":\"([0-9a-f]{64})\""), created);

        // Two vouches make a member, but never more than there are members: alice alone admits bob.
        at(t0 + 10);
        says(people.ok("bob", "community", "join", id, "--message", "I grow beans."), 0, "members vouch for you with: mutual community vouch " + id);
        at(t0 + 20);
        says(people.ok("alice", "community", "vouch", id, bob), 0, "they are a member now");
        at(t0 + 30);
        people.ok("carol", "community", "join", id);
        at(t0 + 40);
        says(people.ok("alice", "community", "vouch", id, carol), 0, "once enough vouches stand");
        at(t0 + 50);
        says(people.ok("bob", "community", "vouch", id, carol), 0, "they are a member now");

        // A vouch by someone who is not a member is refused before anything is signed.
        at(t0 + 60);
        says(people.as("dave", "community", "vouch", id, bob), 1, "vouch not sent: you are not a member of \"Garden food sharing\": a vouch needs a member");

        // One proposal passes: three members, two consents (the proposer's own and bob's), no objection.
        at(t0 + 100);
        String passing = first(Pattern.compile("proposed to \"Garden food sharing\": ([0-9a-f]{64})"), people.ok("alice", "propose", id, "agreement",
                "pickup", "Pick-ups are on Saturdays.", "--why", "People ask when to come.").out());
        at(t0 + 200);
        people.ok("bob", "respond", passing, "consent");

        // Another is blocked by one objection that names the purpose.
        at(t0 + 300);
        String blocked = first(Pattern.compile("proposed to \"Garden food sharing\": ([0-9a-f]{64})"), people.ok("bob", "propose", id, "agreement",
                "members-only", "Only members take food.", "--why", "So that we know who comes.").out());
        at(t0 + 400);
        says(people.as("carol", "respond", blocked, "object"), 2, "an objection names the agreement it would break");
        people.ok("carol", "respond", blocked, "object", "--basis", "purpose", "--reason", "Hungry neighbours who are not members would go without.");

        // Now (the proposals closed two hours ago): a response after the close is refused, and the tally says what passed.
        System.clearProperty("mutual.now");
        says(people.as("carol", "respond", passing, "consent"), 1, "consent not sent: this proposal closed at " + Instant.ofEpochSecond(t0 + 100 + 3600));
        String shown = people.ok("dave", "community", "show", id).out();
        assertTrue(shown.contains("members (3):") && shown.contains("  pickup: Pick-ups are on Saturdays."), shown);
        assertTrue(shown.contains("rules:   2 vouches make a member; quorum 50%; proposals open at least 1h"), shown);
        assertTrue(shown.contains(carol) && !shown.contains(dave), shown);
        assertTrue(shown.matches("(?s).*" + passing + ".*passed \\(2 of 3 responded, no objection\\).*"), shown);
        assertTrue(shown.matches("(?s).*" + blocked + ".*blocked \\(1 standing objection\\(s\\)\\).*"), shown);
        assertTrue(shown.contains("object (purpose): Hungry neighbours"), shown);
        // Show names the proposals P1, P2… for respond.
        assertTrue(shown.contains("P1 " + passing) && shown.contains("P2 " + blocked), shown);
        says(people.as("dave", "respond", "P1", "consent"), 1, "consent not sent: this proposal closed at");
        assertTrue(people.ok("dave", "community", "show", id, "--json").out().contains("\"status\":\"passed\""));

        // As it stood before the close: both proposals open, the agreement not yet in force.
        String before = people.ok("dave", "community", "show", id, "--at", Long.toString(t0 + 3000)).out();
        assertTrue(before.matches("(?s).*open proposals:.*" + passing + ".*" + blocked + ".*decided:\\s*$"), before);
        assertTrue(before.contains("agreements (1):") && !before.contains("  pickup: "), before);
    }
}
