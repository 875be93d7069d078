package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mutual peer add|list|remove} and {@code mutual sync} as a user runs them. */
class PeerAndSyncCommandsTest {
    @TempDir Path dir;
    final long now = System.currentTimeMillis() / 1000;

    @Test
    void peersAreAddedListedAndRemovedInPeersConf() throws Exception {
        String data = dir.resolve("data").toString();
        CliRun add = CliRun.of("peer", "add", "ws://10.0.0.2:7447", "--direction", "down", "--filter", "{\"kinds\":[30402]}", "--data", data);
        assertEquals(0, add.exitCode(), add.err());
        assertTrue(add.out().contains("added peer ws://10.0.0.2:7447/"), add.out());
        assertEquals(0, CliRun.of("peer", "add", "wss://hub.example/", "--data", data).exitCode());
        assertEquals(0, CliRun.of("peer", "add", "ws://10.0.0.3:7447", "--no-compression", "--data", data).exitCode());
        String conf = Files.readString(Path.of(data, "peers.conf"));
        assertTrue(conf.contains("ws://10.0.0.2:7447/ direction=down filter={\"kinds\":[30402]}"), conf);
        assertTrue(conf.contains("ws://10.0.0.3:7447/ direction=both compression=off filter={}"), conf);

        CliRun list = CliRun.of("peer", "list", "--data", data);
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("ws://10.0.0.2:7447/  down  filter {\"kinds\":[30402]}\n"), list.out());
        assertTrue(list.out().contains("wss://hub.example/  both"), list.out());
        assertTrue(list.out().contains("ws://10.0.0.3:7447/  both  filter {}  uncompressed"), list.out());
        CliRun listJson = CliRun.of("peer", "list", "--json", "--data", data);
        assertTrue(listJson.out().contains("\"url\":\"ws://10.0.0.3:7447/\",\"direction\":\"both\",\"filter\":\"{}\",\"compression\":false"), listJson.out());
        assertTrue(list.out().contains("node not running"), list.out());

        assertEquals(0, CliRun.of("peer", "remove", "ws://10.0.0.2:7447/", "--data", data).exitCode());
        assertTrue(!Files.readString(Path.of(data, "peers.conf")).contains("10.0.0.2"));
        CliRun again = CliRun.of("peer", "remove", "ws://10.0.0.2:7447/", "--data", data);
        assertEquals(ExitCodes.USAGE, again.exitCode());
        assertTrue(again.err().contains("no peer ws://10.0.0.2:7447/"), again.err());
    }

    @Test
    void badPeersAreUsageErrorsWithReasons() throws Exception {
        String data = dir.resolve("data").toString();
        CliRun http = CliRun.of("peer", "add", "http://example.org/", "--data", data);
        assertEquals(ExitCodes.USAGE, http.exitCode());
        assertTrue(http.err().contains("ws:// or wss://"), http.err());
        CliRun filter = CliRun.of("peer", "add", "ws://x.example/", "--filter", "{\"kinds\":\"one\"}", "--data", data);
        assertEquals(ExitCodes.USAGE, filter.exitCode());
        assertTrue(filter.err().contains("--filter is not a valid NIP-01 filter"), filter.err());
        CliRun limit = CliRun.of("peer", "add", "ws://x.example/", "--filter", "{\"limit\":5}", "--data", data);
        assertEquals(ExitCodes.USAGE, limit.exitCode());
        assertTrue(limit.err().contains("limit or search"), limit.err());
        CliRun direction = CliRun.of("sync", "ws://x.example/", "--direction", "sideways", "--data", data);
        assertEquals(ExitCodes.USAGE, direction.exitCode());
        assertTrue(direction.err().contains("up, down or both"), direction.err());
        Files.createDirectories(Path.of(data));
        Files.writeString(Path.of(data, "peers.conf"), "ws://x.example/ compression=maybe\n");
        CliRun conf = CliRun.of("peer", "list", "--data", data);
        assertEquals(ExitCodes.USAGE, conf.exitCode());
        assertTrue(conf.err().contains("line 1: compression is on or off, not 'maybe'"), conf.err());
    }

    @Test
    void syncFetchesAndSendsTheDifferenceWithARunningNode() throws Exception {
        SecretKey alice = SecretKey.generate(new Random(21)), bob = SecretKey.generate(new Random(22));
        List<Event> onNode = BundleCommandsTest.notes(alice, 40, now - 100);
        List<Event> onFolder = BundleCommandsTest.notes(bob, 15, now - 100);
        Path nodeData = dir.resolve("node"), folder = dir.resolve("folder");
        try (SqliteStore s = SqliteStore.open(nodeData)) {
            s.write(onNode);
        }
        try (SqliteStore s = SqliteStore.open(folder)) {
            s.write(onFolder);
        }
        Config c = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(),
                Map.of("data", nodeData.toString(), "port", "0"));
        try (RunningNode node = RunningNode.start(c)) {
            String url = "ws://127.0.0.1:" + node.port() + "/";
            CliRun sync = CliRun.of("sync", url, "--data", folder.toString(), "--json", "--quiet");
            assertEquals(0, sync.exitCode(), sync.err());
            assertTrue(sync.out().contains("\"have\":15,\"need\":40,\"sent\":15,\"refused\":0,\"received\":40"), sync.out());
            assertTrue(sync.out().contains("\"compressed\":true"), sync.out());

            CliRun plain = CliRun.of("sync", url, "--data", folder.toString(), "--json", "--quiet", "--no-compression");
            assertEquals(0, plain.exitCode(), plain.err());
            assertTrue(plain.out().contains("\"compressed\":false") && plain.out().contains("\"have\":0,\"need\":0"), plain.out());

            CliRun nothing = CliRun.of("sync", url, "--data", folder.toString(), "--quiet");
            assertEquals(0, nothing.exitCode(), nothing.err());
            assertTrue(nothing.out().contains("0 to send, 0 to fetch"), nothing.out());
        }
        assertEquals(55, BundleCommandsTest.contents(folder).size());
        assertEquals(55, BundleCommandsTest.contents(nodeData).size());
    }

    @Test
    void aRunningNodeFollowsPeersConfAndPeerListShowsHowThePeerStands() throws Exception {
        SecretKey alice = SecretKey.generate(new Random(23));
        Path aData = dir.resolve("a"), bData = dir.resolve("b");
        try (SqliteStore s = SqliteStore.open(bData)) {
            s.write(BundleCommandsTest.notes(alice, 12, now - 100));
        }
        try (RunningNode a = RunningNode.start(config(aData)); RunningNode b = RunningNode.start(config(bData))) {
            assertEquals(0, a.node().mesh().links().size());
            String bUrl = "ws://127.0.0.1:" + b.port() + "/";
            assertEquals(0, CliRun.of("peer", "add", bUrl, "--data", aData.toString()).exitCode());
            long deadline = System.nanoTime() + 30_000_000_000L;
            String out = "";
            while (System.nanoTime() < deadline) {
                out = CliRun.of("peer", "list", "--data", aData.toString()).out();
                if (out.contains("state live") && out.contains("received 12")) break;
                Thread.sleep(200);
            }
            assertTrue(out.contains("state live") && out.contains("received 12, errors 0"), out);
            assertTrue(out.contains("last sync: 1 rounds, 0 to send, 12 to fetch"), out);

            assertEquals(0, CliRun.of("peer", "remove", bUrl, "--data", aData.toString()).exitCode());
            while (System.nanoTime() < deadline && !a.node().mesh().links().isEmpty()) Thread.sleep(100);
            assertEquals(0, a.node().mesh().links().size(), "the removed peer's link stopped without a restart");
        }
    }

    private static Config config(Path data) {
        return Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(),
                Map.of("data", data.toString(), "port", "0"));
    }

    @Test
    void syncWithNobodyThereSaysSoWithExitCode3() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun sync = CliRun.of("sync", "ws://127.0.0.1:" + port + "/", "--data", dir.resolve("f").toString(), "--timeout", "2");
        assertEquals(ExitCodes.IO, sync.exitCode(), sync.out() + sync.err());
        assertTrue(sync.err().contains("cannot connect to ws://127.0.0.1:" + port + "/"), sync.err());
    }
}
