package mutual.app.node;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import mutual.app.bench.NodeProcess;
import mutual.protocol.TestJson;
import mutual.protocol.interop.NodeScript;
import mutual.store.contract.TestPostgres;
import mutual.store.postgres.PgUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code mutual serve} processes on one PostgreSQL database, at the default settings, behave
 * as one relay: nostr-tools on each sees what the other took, live; a replaceable event settles
 * the same on both; and the work that runs once per database moves to the survivor when the
 * process that leads is killed.
 */
class SharedPostgresTest {
    @TempDir Path dir;
    private String url;

    @AfterEach
    void drop() {
        if (url != null) TestPostgres.dropDatabase(url);
    }

    @Test
    void twoNodeProcessesOnOneDatabaseServeAsOneRelayAndHandOverLeadershipWhenTheLeaderIsKilled() throws Exception {
        NodeScript.interopDir(); // skips, with a message, without nostr-tools
        TestPostgres.unreachable().ifPresent(Assumptions::abort);
        url = TestPostgres.createDatabase();
        try (NodeProcess a = NodeProcess.start(dir.resolve("a"), List.of("--store", url));
             NodeProcess b = NodeProcess.start(dir.resolve("b"), List.of("--store", url))) {
            try (NodeScript client = NodeScript.start("shared-relay.mjs", a.url() + "/", b.url() + "/")) {
                Map<String, Object> r = TestJson.map(TestJson.parse(client.readLine()));
                assertNull(r.get("error"), () -> "nostr-tools failed: " + r.get("error"));
                assertEquals(true, TestJson.map(r.get("publish")).get("ok"));
                assertEquals(r.get("noteId"), r.get("liveId"), "the event taken by the first process reaches the second's subscriber live");
                @SuppressWarnings("unchecked")
                List<String> versions = (List<String>) r.get("versions");
                String lowest = versions.get(0).compareTo(versions.get(1)) < 0 ? versions.get(0) : versions.get(1);
                assertEquals(List.of(lowest), r.get("profileOnA"), "two versions at one second: the lowest id wins (NIP-01)");
                assertEquals(List.of(lowest), r.get("profileOnB"), "and both processes serve the same one");
            }
            long leader = leaderPid().orElseThrow(() -> new AssertionError("no process leads"));
            assertTrue(leader == a.pid() || leader == b.pid(), "the leader is one of the two node processes");
            long survivor = leader == a.pid() ? b.pid() : a.pid();
            ProcessHandle.of(leader).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL: no goodbye to the database
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (leaderPid().orElse(-1L) != survivor) {
                assertTrue(System.nanoTime() < deadline, "the surviving process never took over");
                Thread.sleep(100);
            }
        }
    }

    /** The process whose leadership connection holds the lock, by its application_name. */
    private Optional<Long> leaderPid() throws SQLException {
        PgUrl u = PgUrl.parse(url);
        Properties p = new Properties();
        p.setProperty("user", u.user());
        p.setProperty("password", u.password());
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(), p);
             PreparedStatement s = c.prepareStatement("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                     + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND a.datname = current_database()")) {
            s.setLong(1, 0x4d55544cL);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                String name = r.getString(1);
                assertTrue(name.startsWith("mutual leader pid "), name);
                return Optional.of(Long.parseLong(name.substring("mutual leader pid ".length())));
            }
        }
    }
}
