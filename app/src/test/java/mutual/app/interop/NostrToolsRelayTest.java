package mutual.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.protocol.TestJson;
import mutual.protocol.interop.NodeScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nostr-tools' own relay client, unmodified, against a node started as {@code mutual serve} starts it. */
class NostrToolsRelayTest {
    @TempDir
    Path data;

    @Test
    void nostrToolsPublishesSubscribesCountsAndAuthenticates() throws Exception {
        NodeScript.interopDir(); // skip early, with a message, when nostr-tools is not installed
        Config config = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(),
                Map.of("port", "0", "data", data.toString()));
        try (RunningNode node = RunningNode.start(config);
             NodeScript client = NodeScript.start("relay-client.mjs", "ws://127.0.0.1:" + node.port() + "/")) {
            Map<String, Object> r = TestJson.map(TestJson.parse(client.readLine()));
            assertNull(r.get("error"), () -> "nostr-tools failed: " + r.get("error"));
            assertEquals(true, field(r, "publish", "ok"), "publish accepted");
            assertEquals(true, field(r, "duplicate", "ok"));
            assertTrue(((String) field(r, "duplicate", "v")).startsWith("duplicate:"), "a resent event is reported as a duplicate");
            assertEquals(List.of(r.get("firstId")), r.get("storedIds"), "REQ returns the stored event before EOSE");
            assertEquals(r.get("secondId"), r.get("liveId"), "the live event arrives on the open subscription");
            assertEquals(2L, r.get("count"), "COUNT (NIP-45) counts both events");
            assertEquals(true, field(r, "bigPublish", "ok"), "a 100 KB event is accepted over permessage-deflate");
            assertEquals(List.of(100_000L, 100_000L), r.get("bigLengths"), "and comes back whole");
            assertEquals(false, field(r, "protectedBeforeAuth", "ok"), "NIP-70: refused before AUTH");
            assertTrue(((String) field(r, "protectedBeforeAuth", "v")).startsWith("auth-required:"));
            assertEquals(true, field(r, "auth", "ok"), "NIP-42 AUTH with the node's challenge succeeds");
            assertEquals(true, field(r, "protectedAfterAuth", "ok"), "NIP-70: accepted from its authenticated author");
            assertFalse(r.containsKey("error"));
        }
    }

    /**
     * At the default settings, nothing lifted: several hundred events published at once, then
     * queried, counted, deleted and subscribed to, over a connection to {@code ws://localhost:PORT/}
     * (as a browser page opened at localhost connects), with NIP-42 AUTH under that name.
     */
    @Test
    void nostrToolsPublishesSixHundredEventsAtOnceAndAuthenticatesAsLocalhostAtTheDefaults() throws Exception {
        NodeScript.interopDir();
        Config config = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of("port", "0", "data", data.toString()));
        try (RunningNode node = RunningNode.start(config);
             NodeScript client = NodeScript.start("relay-burst.mjs", "ws://localhost:" + node.port() + "/")) {
            Map<String, Object> r = TestJson.map(TestJson.parse(client.readLine()));
            assertNull(r.get("error"), () -> "nostr-tools failed: " + r.get("error"));
            assertEquals(List.of(), r.get("refusals"), "no event refused");
            assertEquals(600L, r.get("published"));
            assertEquals(500L, r.get("queried"), "REQ with limit 500 returns 500");
            assertEquals(600L, r.get("counted"));
            assertEquals(true, field(r, "deletion", "ok"));
            assertEquals(550L, r.get("countedAfterDeletion"), "the 50 deleted events are gone");
            assertEquals(true, r.get("liveMatches"), "the live event arrives");
            assertEquals(true, field(r, "auth", "ok"), () -> "AUTH as ws://localhost: " + field(r, "auth", "v"));
        }
    }

    private static Object field(Map<String, Object> r, String name, String key) {
        return TestJson.map(r.get(name)).get(key);
    }
}
