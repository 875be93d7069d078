package mutual.app.aid;

import static mutual.app.aid.People.says;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import mutual.app.bench.NodeProcess;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.nip19.Nip19;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's relay lists and key-migration notice, set and read with the CLI against a real node. */
class IdListsAndMigrationTest {
    @TempDir
    Path dir;
    People people;
    NodeProcess node;

    @BeforeEach
    void start() throws Exception {
        node = NodeProcess.start(dir.resolve("node"), List.of());
        people = new People(dir, node.url());
    }

    @AfterEach
    void stop() throws Exception {
        people.close();
        node.close();
    }

    @Test
    void listsAreSetShownAndReadByOthersAndAMigrationNoticeIsSeenWithAWarning() throws Exception {
        says(people.as("alice", "id", "new"), 0, "npub1");
        String alice = people.as("alice", "id", "show", "--json").out().replaceAll("(?s).*\"npub\":\"(npub1[a-z0-9]+)\".*", "$1");
        says(people.as("bob", "id", "new"), 0, "npub1");
        String here = node.url() + "/", gone = "ws://127.0.0.1:" + NodeProcess.freePort() + "/";

        says(people.as("alice", "id", "relays", "set", "http://nope"), 2, "a relay must be a ws:// or wss:// URL");
        says(people.as("alice", "id", "relays"), 0, "(no relay list known)");
        PersonRun set = people.as("alice", "id", "relays", "set", here, gone, "--dm", here);
        says(set, 0, here + ": stored");
        assertTrue(set.out().contains(gone + ": not stored"), "a relay that cannot be reached is named: " + set.out());
        says(people.as("alice", "id", "show"), 0, "relays " + here + " " + gone);
        PersonRun seen = people.as("bob", "id", "relays", "--of", alice);
        says(seen, 0, "relays " + here + " " + gone);
        says(seen, 0, "dm     " + here);
        says(people.as("bob", "id", "relays", "--of", alice, "--node", gone), 0, "as this device last saw them");
        says(people.as("bob", "id", "relays", "--of", alice, "--node", gone), 0, "relays " + here + " " + gone);

        String next = Nip19.npub(SecretKey.generate().publicKey());
        says(people.as("alice", "id", "migrate", "--to", "not-a-key"), 2, "--to wants the new key's npub1");
        says(people.as("alice", "id", "migrate", "--to", next, "--reason", "my phone was taken"), 0, "names " + next + " as its next key");
        says(people.as("bob", "id", "relays", "--of", alice), 0, "this key named " + next + " as its next key (NIP-41 kind 1776): whoever holds the key could have");
    }
}
