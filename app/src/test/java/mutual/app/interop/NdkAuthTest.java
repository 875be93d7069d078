package mutual.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.protocol.TestJson;
import mutual.protocol.interop.NodeScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NDK, unmodified, against a node at its default settings, connected as {@code ws://localhost:PORT/}:
 * its NIP-42 sign-in must succeed (it used to be refused, since the node knew itself only as
 * 127.0.0.1), and what AUTH opens (a NIP-70 protected event, one's own gift wraps) must work.
 */
class NdkAuthTest {
    @TempDir
    Path data;

    @Test
    void ndkSignsInAsLocalhostAndUsesWhatAuthOpens() throws Exception {
        assumeTrue(Files.isDirectory(NodeScript.interopDir().resolve("node_modules/@nostr-dev-kit/ndk")),
                "NDK is not installed in interop/ (npm ci --prefix interop); skipping the NDK test");
        Config config = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of("port", "0", "data", data.toString()));
        try (RunningNode node = RunningNode.start(config);
             NodeScript client = NodeScript.start("ndk-auth.mjs", "ws://localhost:" + node.port() + "/")) {
            Map<String, Object> r = TestJson.map(TestJson.parse(client.readLine()));
            assertNull(r.get("error"), () -> "NDK failed: " + r.get("error"));
            assertEquals(true, r.get("authed"), "NIP-42 sign-in as ws://localhost");
            assertEquals(1L, r.get("protectedAccepted"), "a NIP-70 protected event from its authenticated author");
            assertEquals(0L, r.get("wraps"), "gift wraps served (none yet) instead of refused");
        }
    }
}
