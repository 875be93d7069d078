package mutual.store.contract;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mutual.protocol.event.EventId;
import mutual.store.EventStore;
import org.junit.jupiter.api.Test;

/**
 * Durability: a writer process killed with SIGKILL in the middle of ingesting loses no event it
 * acknowledged, and leaves a database that passes the store's integrity check. (A kill is not a
 * power cut; for that, SQLite's log is fdatasynced before anything is acknowledged (WalSync), and
 * PostgreSQL's commit returns once its WAL is flushed, synchronous_commit being on.)
 */
class CrashTest extends StoreContract {

    @Test
    void killedWriterLosesNoAcknowledgedEventAndLeavesAConsistentDatabase() throws Exception {
        for (int round = 0; round < 3; round++) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), where(), String.valueOf(round))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> acked = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("ready", in.readLine());
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600 + 300L * round);
                // On a loaded machine the writer may have acknowledged few events by then: the kill
                // waits for more than 20 (at most 30 s), so that it always lands mid-ingest.
                long atLatest = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String line;
                while ((System.nanoTime() < until || acked.size() <= 20) && System.nanoTime() < atLatest && (line = in.readLine()) != null)
                    acked.add(line);
                p.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves stdout readable
                // Ids already printed before the kill landed are acknowledged too.
                while ((line = in.readLine()) != null) acked.add(line);
            }
            p.waitFor(10, TimeUnit.SECONDS);
            assertTrue(acked.size() > 20, "the writer acknowledged only " + acked.size() + " events");
            try (EventStore s = store(dir)) {
                assertEquals(java.util.Optional.empty(), s.integrityProblem());
                for (String id : acked) {
                    if (id.length() != 64) continue; // a line cut by the kill
                    assertTrue(s.get(EventId.fromHex(id).orElseThrow()).isPresent(), "acknowledged event " + id + " was lost");
                }
            }
        }
    }

    /** The store the child process writes to: the folder, or the PostgreSQL schema standing for it. */
    private String where() {
        return backend == Backend.SQLITE ? dir.toString() : postgresUrl(dir);
    }
}
