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
        assertTrue(before.matches("(?s).*open proposals:.*" + passing + ".*" + blocked + ".*decided:\\s*linked with \\(0\\):\\s*$"), before);
        assertTrue(before.contains("agreements (1):") && !before.contains("  pickup: "), before);
    }

    @Test
    void aPersonWhoLostTheirKeyIsVouchedForUnderTheNewOneAndOthersSeeIt() throws Exception {
        for (String p : List.of("alice", "bob", "carol", "bob2", "dave", "erin")) people.ok(p, "id", "new");
        String alice = npub("alice"), bob = npub("bob"), carol = npub("carol"), bob2 = npub("bob2");
        long t0 = Instant.now().getEpochSecond() - 3600;
        at(t0);
        String id = first(Pattern.compile("\"id\":\"([0-9a-f]{64})\""), people.ok("alice", "community", "create", "--name", "Garden food",
                "--purpose", "Nobody nearby goes hungry.", "--json").out());
        at(t0 + 10);
        people.ok("bob", "community", "join", id);
        at(t0 + 20);
        people.ok("alice", "community", "vouch", id, bob);
        at(t0 + 30);
        people.ok("carol", "community", "join", id);
        at(t0 + 40);
        people.ok("alice", "community", "vouch", id, carol);
        at(t0 + 50);
        people.ok("bob", "community", "vouch", id, carol);

        // Bob's phone is gone with his key. With a new key he joins saying who he was; two members who met him vouch so.
        at(t0 + 100);
        says(people.as("bob2", "community", "join", id, "--same-person-as", bob2), 2, "a key cannot be its own successor");
        people.ok("bob2", "community", "join", id, "--same-person-as", bob);
        at(t0 + 110);
        says(people.ok("alice", "community", "vouch", id, bob2, "--same-person-as", bob), 0, "as the person who held " + bob);
        at(t0 + 120);
        says(people.as("dave", "community", "vouch", id, bob2, "--same-person-as", bob), 1, "you are not a member");
        says(people.ok("carol", "community", "vouch", id, bob2, "--same-person-as", bob), 0, "they are a member now");

        System.clearProperty("mutual.now");
        String seen = people.ok("erin", "id", "relays", "--of", bob).out();
        assertTrue(seen.contains("vouched in \"Garden food\": " + bob2 + " is the person who held this key, say 2 who were members when they said it: "
                + alice + ", " + carol + "; it joined saying so and is a member now"), seen);
        assertTrue(people.ok("erin", "id", "relays", "--of", bob, "--json").out().contains("\"vouched_by_members\":[\"" + alice + "\",\"" + carol + "\"]"));
        assertTrue(!people.ok("erin", "id", "relays", "--of", carol).out().contains("vouched in"), "nobody claims carol's key");
    }

    static String proposed(String out) {
        return first(Pattern.compile("proposed to \"[^\"]+\": ([0-9a-f]{64})"), out);
    }

    @Test
    void communitiesAreNamedShortlyLinkOnBothSidesAndRemoveAMemberWhoBrokeAnAgreement() throws Exception {
        for (String p : List.of("alice", "bob", "carol", "dave", "erin")) people.ok(p, "id", "new");
        String bob = npub("bob"), carol = npub("carol");
        long t0 = Instant.now().getEpochSecond() - 3 * 3600;

        at(t0);
        says(people.ok("alice", "community", "create", "--name", "Garden", "--purpose", "Food from the garden.", "--agreement",
                "respect=We treat each other with respect.", "--period", "1h", "--vouches", "1", "--geohash", "u33db"), 0, "founded \"Garden\" (C1 here)");
        String garden = first(Pattern.compile("C1 \"Garden\"  ([0-9a-f]{64})"), people.ok("alice", "community", "show", "C1").out());
        at(t0 + 5);
        says(people.ok("dave", "community", "create", "--name", "Workshop", "--purpose", "Tools for all.", "--period", "1h", "--geohash", "gcpvj"), 0, "(C1 here)");

        // People name a community by its name when it is unique; C names come from their own last list.
        at(t0 + 10);
        people.ok("bob", "community", "join", "garden");
        at(t0 + 20);
        says(people.ok("alice", "community", "vouch", "C1", bob), 0, "they are a member now");
        at(t0 + 30);
        people.ok("carol", "community", "join", "Garden");
        at(t0 + 40);
        says(people.ok("bob", "community", "vouch", "Garden", carol), 0, "they are a member now");
        says(people.as("erin", "community", "show", "C1"), 2, "no C1 in the last mutual community list");
        says(people.as("erin", "community", "show", "Allotment"), 1, "no community named \"Allotment\" is known");

        // The garden proposes a link to the workshop, and the workshop one back: both pass.
        at(t0 + 100);
        String toWorkshop = proposed(people.ok("alice", "propose", "Garden", "link", "Workshop", "--why", "They lend tools.").out());
        at(t0 + 110);
        people.ok("bob", "respond", toWorkshop, "consent");
        at(t0 + 120);
        people.ok("dave", "propose", "C1", "link", "Garden", "--why", "They grow food.");
        says(people.as("dave", "propose", "C1", "link", "C1", "--why", "Twice."), 2, "a community cannot link to itself");

        // Carol broke the respect agreement: Bob reports it (a record, not a removal), then the others remove her; she is not in the electorate.
        at(t0 + 150);
        says(people.ok("bob", "report", "Garden", carol, "--breach", "respect", "--why", "She insulted a neighbour."), 0,
                "reported " + carol + " for breaking 'respect' in \"Garden\"");
        says(people.as("dave", "report", "Garden", carol, "--breach", "respect", "--why", "Heard it."), 1, "report not sent: you are not a member of \"Garden\"");
        says(people.as("bob", "report", "Garden", carol, "--breach", "kindness", "--why", "x"), 1, "has no agreement 'kindness' in force");
        at(t0 + 200);
        String removal = proposed(people.ok("alice", "propose", "Garden", "remove", carol, "--breach", "respect", "--why", "She insulted a neighbour.").out());
        at(t0 + 210);
        says(people.as("carol", "respond", removal, "object", "--basis", "respect", "--reason", "I did not."), 1,
                "you were not a member of \"Garden\" when this proposal was made, so you do not respond to it");
        people.ok("bob", "respond", removal, "consent");
        says(people.as("alice", "propose", "Garden", "remove", carol, "--why", "again"), 2, "remove needs --breach KEY");

        // Now: the link holds on both sides, Carol is no longer a member, and the lists say so.
        System.clearProperty("mutual.now");
        String listed = people.ok("erin", "community", "list").out();
        assertTrue(listed.contains("C1 \"Garden\"  2 member(s)  area u33db  " + garden) && listed.contains("C2 \"Workshop\"  1 member(s)"), listed);
        String shown = people.ok("erin", "community", "show", "C1").out();
        assertTrue(shown.contains("link with ") && shown.contains("(linked: both sides passed it)"), shown);
        assertTrue(shown.matches("(?s).*linked with \\(1\\):\\s+\"Workshop\".*"), shown);
        assertTrue(shown.matches("(?s).*remove " + carol + " \\(breach of respect\\).*passed.*"), shown);
        assertTrue(shown.contains("members (2):") && shown.contains(" removed"), shown);
        assertTrue(shown.contains("reports (1):") && shown.contains("reports " + carol + " broke respect: She insulted a neighbour.\n"), shown);
        assertTrue(people.ok("erin", "community", "show", "Workshop").out().contains("linked with (1):\n  \"Garden\""));
        says(people.ok("bob", "community", "list", "--mine"), 0, "C1 \"Garden\"");
        assertTrue(people.ok("carol", "community", "list", "--mine").out().contains("no community found like that"));
        assertTrue(people.ok("erin", "community", "list", "--geohash", "u33d", "--km", "10").out().contains("Garden"));
        assertTrue(!people.ok("erin", "community", "list", "--geohash", "u33d", "--km", "10").out().contains("Workshop"), "London is far");

        // Matching trusts what the community records: Alice vouched Bob in, and his need shows it as a reason.
        people.ok("alice", "post", "offer", "--title", "Spade", "--category", "tools", "--geohash", "u33db");
        people.ok("bob", "post", "need", "--title", "A spade", "--category", "tools", "--geohash", "u33db");
        assertTrue(people.ok("bob", "mine").out().contains("L1"));
        people.awaitOut("bob", "trusted: they vouched for you in \"Garden\"", "matches", "L1");

        // The garden's library: Alice writes a guide; Dave, in the linked workshop, finds and reads it; someone outside cannot post there.
        people.ok("alice", "guide", "post", "Garden", "--title", "How we run the pantry", "--category", "food", "--summary", "Opening, stock, rota.",
                "--text", "## Opening\nSaturdays 10 to 13. Keep a rota of two.");
        says(people.as("erin", "guide", "post", "Garden", "--title", "x", "--category", "food", "--text", "y"), 1,
                "guide not sent: you are not a member of \"Garden\"");
        says(people.ok("dave", "guide", "list", "Workshop"), 0, "G1 \"How we run the pantry\"  food  from \"Garden\"");
        says(people.ok("dave", "guide", "show", "G1"), 0, "Keep a rota of two.");
        says(people.ok("erin", "guide", "list", "--q", "rota"), 0, "How we run the pantry");
        assertTrue(people.ok("erin", "guide", "list", "--q", "bicycle").out().contains("no guide found"));

        // A second community of the same name: the name alone no longer says which.
        people.ok("erin", "community", "create", "--name", "garden", "--purpose", "Another garden.");
        says(people.as("erin", "community", "show", "Garden"), 1, "2 communities are named \"Garden\"; say which by its id");
    }
}
