package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import mutual.app.node.RunningNode;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mutual sync} and {@code mutual bundle import|export} for a node that runs on PostgreSQL:
 * they work on its database (from {@code --store} or the folder's {@code store} setting), not on
 * the empty SQLite file its data folder would otherwise get.
 */
class NodeOnPostgresCommandsTest extends OnPostgres {
    @TempDir Path dir;
    final long now = System.currentTimeMillis() / 1000;
    final SecretKey alice = SecretKey.generate(new Random(41)), bob = SecretKey.generate(new Random(42));
    @Test
    void bundlesGoInAndOutOfTheNodesDatabase() throws Exception {
        Path source = dir.resolve("source"), node = dir.resolve("node"), bundle = dir.resolve("notes.bundle"), back = dir.resolve("back.bundle");
        List<Event> notes = BundleCommandsTest.notes(alice, 300, now - 100);
        try (SqliteStore s = SqliteStore.open(source)) {
            s.write(notes);
        }
        assertEquals(0, CliRun.of("bundle", "export", "-o", bundle.toString(), "--data", source.toString()).exitCode());

        CliRun in = CliRun.of("bundle", "import", bundle.toString(), "--data", node.toString(), "--store", url, "--quiet");
        assertEquals(0, in.exitCode(), in.err() + in.out());
        assertTrue(in.out().matches("(?s).*stored\\s+300\\b.*"), in.out());
        assertFalse(in.out().contains("mutual_test:mutual_test"), "no password in the output: " + in.out());
        try (PostgresStore p = PostgresStore.open(url); SqliteStore s = SqliteStore.open(source)) {
            assertEquals(StoreCopyCommandTest.contents(s), StoreCopyCommandTest.contents(p), "every event, byte for byte");
        }
        assertFalse(Files.exists(node.resolve(SqliteStore.FILE_NAME)), "nothing was written to a SQLite file in the folder");

        // The store setting in the folder's mutual.conf, as a node on PostgreSQL is configured.
        Files.createDirectories(node);
        Files.writeString(node.resolve("mutual.conf"), "store = " + url + "\n");
        CliRun out = CliRun.of("bundle", "export", "-o", back.toString(), "--data", node.toString(), "--json");
        assertEquals(0, out.exitCode(), out.err());
        assertTrue(out.out().contains("\"count\":300"), out.out());
        Path fresh = dir.resolve("fresh");
        assertEquals(0, CliRun.of("bundle", "import", back.toString(), "--data", fresh.toString(), "--quiet").exitCode());
        assertEquals(BundleCommandsTest.contents(source), BundleCommandsTest.contents(fresh), "the same events came back out");
    }

    @Test
    void syncReconcilesTheNodesDatabaseWithAnotherRelay() throws Exception {
        Path other = dir.resolve("other"), node = dir.resolve("node");
        try (SqliteStore s = SqliteStore.open(other)) {
            s.write(BundleCommandsTest.notes(alice, 30, now - 100));
        }
        try (PostgresStore p = PostgresStore.open(url)) {
            p.write(BundleCommandsTest.notes(bob, 12, now - 100));
        }
        Config c = Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), Map.of("data", other.toString(), "port", "0"));
        try (RunningNode relay = RunningNode.start(c)) {
            String ws = "ws://127.0.0.1:" + relay.port() + "/";
            CliRun sync = CliRun.of("sync", ws, "--data", node.toString(), "--store", url, "--json", "--quiet");
            assertEquals(0, sync.exitCode(), sync.err());
            assertTrue(sync.out().contains("\"have\":12,\"need\":30,\"sent\":12,\"refused\":0,\"received\":30"), sync.out());
        }
        try (PostgresStore p = PostgresStore.open(url)) {
            assertEquals(42, StoreCopyCommandTest.contents(p).size());
        }
        assertEquals(42, BundleCommandsTest.contents(other).size());
        assertFalse(Files.exists(node.resolve(SqliteStore.FILE_NAME)), "nothing was written to a SQLite file in the folder");
    }

    @Test
    void aStoreThatIsNotAPostgresqlUrlIsAUsageError() {
        CliRun r = CliRun.of("sync", "ws://127.0.0.1:1/", "--data", dir.toString(), "--store", "mysql://x/y");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("postgresql://"), r.err());
    }
}
