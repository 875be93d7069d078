package mutual.app.aid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    NodeProcess node;

    @BeforeEach
    void start() throws Exception {
        node = NodeProcess.start(dir.resolve("node"), List.of());
        System.setProperty("mutual.relay", node.url() + "/");
        System.setProperty("mutual.passphrase", "correct horse battery staple");
        System.setProperty("mutual.scrypt.logn", "10");
    }

    @AfterEach
    void stop() throws Exception {
        for (String p : new String[] {"mutual.relay", "mutual.passphrase", "mutual.scrypt.logn", "mutual.home"}) System.clearProperty(p);
        node.close();
    }

    PersonRun as(String who, String... args) {
        return PersonRun.as(dir.resolve(who), args);
    }

    static void says(PersonRun r, int code, String words) {
        assertEquals(code, r.code(), r.all());
        assertTrue(r.all().contains(words), "expected '" + words + "' in: " + r.all());
        assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
    }

    @Test
    void listsAreSetShownAndReadByOthersAndAMigrationNoticeIsSeenWithAWarning() throws Exception {
        says(as("alice", "id", "new"), 0, "npub1");
        String alice = as("alice", "id", "show", "--json").out().replaceAll("(?s).*\"npub\":\"(npub1[a-z0-9]+)\".*", "$1");
        says(as("bob", "id", "new"), 0, "npub1");
        String here = node.url() + "/", gone = "ws://127.0.0.1:" + NodeProcess.freePort() + "/";

        says(as("alice", "id", "relays", "set", "http://nope"), 2, "a relay must be a ws:// or wss:// URL");
        says(as("alice", "id", "relays"), 0, "(no relay list known)");
        PersonRun set = as("alice", "id", "relays", "set", here, gone, "--dm", here);
        says(set, 0, here + ": stored");
        assertTrue(set.out().contains(gone + ": not stored"), "a relay that cannot be reached is named: " + set.out());
        says(as("alice", "id", "show"), 0, "relays " + here + " " + gone);
        PersonRun seen = as("bob", "id", "relays", "--of", alice);
        says(seen, 0, "relays " + here + " " + gone);
        says(seen, 0, "dm     " + here);

        String next = Nip19.npub(SecretKey.generate().publicKey());
        says(as("alice", "id", "migrate", "--to", "not-a-key"), 2, "--to wants the new key's npub1");
        says(as("alice", "id", "migrate", "--to", next, "--reason", "my phone was taken"), 0, "names " + next + " as its next key");
        says(as("bob", "id", "relays", "--of", alice), 0, "this key named " + next + " as its next key (NIP-41 kind 1776): whoever holds the key could have");
    }
}
