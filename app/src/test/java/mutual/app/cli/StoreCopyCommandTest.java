package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import mutual.engine.copy.StoreCopy;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.store.EventStore;
import mutual.store.postgres.PostgresStore;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mutual store copy} between a SQLite data folder and a real PostgreSQL database, both ways. */
class StoreCopyCommandTest extends OnPostgres {
    @TempDir Path dir;
    final SecretKey alice = SecretKey.generate(new Random(31)), bob = SecretKey.generate(new Random(32));
    final long now = System.currentTimeMillis() / 1000;
    List<Event> events() {
        List<Event> out = new ArrayList<>(BundleCommandsTest.notes(alice, 1200, now - 100));
        out.add(EventBuilder.create(0, now - 50).content("{\"name\":\"bob\"}").sign(bob));
        out.add(EventBuilder.create(30402, now - 40).tag("d", "ladder").content("ladder to lend").sign(bob));
        return out;
    }

    static Map<String, String> contents(EventStore s) {
        Map<String, String> out = new TreeMap<>();
        s.scan(0, Long.MAX_VALUE, se -> out.put(se.id().hex(), new String(se.json(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void aFolderIsCopiedToPostgresqlAndBackThroughTheNodesChecks() {
        Path a = dir.resolve("a");
        List<Event> events = new ArrayList<>(events());
        // Dated a day ahead: in the folder (written directly), but a node finds it invalid (max-future-seconds).
        Event future = EventBuilder.create(1, now + 86_400).content("from the future").sign(alice);
        events.add(future);
        try (SqliteStore s = SqliteStore.open(a)) {
            s.write(events);
        }
        CliRun there = CliRun.of("store", "copy", a.toString(), url, "--data", dir.resolve("node").toString(), "--quiet");
        assertEquals(ExitCodes.INVALID, there.exitCode(), "an invalid event was left out: " + there.err() + there.out());
        assertTrue(there.out().contains("Copied 1,203 events"), there.out());
        assertTrue(there.out().contains("stored 1,202, already there 0, refused 0, invalid 1"), there.out());
        assertFalse(there.out().contains("mutual_test:mutual_test"), "no password in the output: " + there.out());
        Map<String, String> expected;
        try (SqliteStore s = SqliteStore.open(a)) {
            expected = contents(s);
        }
        expected.remove(future.id().hex());
        try (PostgresStore p = PostgresStore.open(url)) {
            assertEquals(expected, contents(p), "every event the node would take, byte for byte");
        }

        CliRun again = CliRun.of("store", "copy", a.toString(), url, "--data", dir.resolve("node").toString(), "--quiet");
        assertTrue(again.out().contains("stored 0, already there 1,202, refused 0, invalid 1"), again.out());

        Path b = dir.resolve("b");
        CliRun back = CliRun.of("store", "copy", url, b.toString(), "--data", dir.resolve("node").toString(), "--quiet");
        assertEquals(0, back.exitCode(), back.err() + back.out());
        try (SqliteStore s = SqliteStore.open(b)) {
            assertEquals(expected, contents(s));
        }
    }

    @Test
    void aCopyStoppedPartWayContinuesAfterTheLastPositionItReached() {
        Path a = dir.resolve("a");
        try (SqliteStore s = SqliteStore.open(a)) {
            s.write(events());
        }
        try (SqliteStore from = SqliteStore.open(a); PostgresStore to = PostgresStore.open(url)) {
            List<StoreCopy.Position> reached = new ArrayList<>();
            StoreCopy first = StoreCopy.create(from, to, List.of(), InstantSource.system());
            StoreCopy.Summary stopped = first.run(Optional.empty(), p -> {
                reached.add(p);
                first.stop(); // as Ctrl-C would, after the first chunk
            });
            assertFalse(stopped.complete());
            assertEquals(1, reached.size());
            long partial = to.size();
            assertTrue(partial > 0 && partial < 1202, "part of the events: " + partial);
            StoreCopy.Summary rest = StoreCopy.create(from, to, List.of(), InstantSource.system()).run(stopped.reached(), p -> {});
            assertTrue(rest.complete());
            assertEquals(0, rest.counts().duplicate(), "nothing before the position is taken again");
            assertEquals(1202, partial + rest.counts().stored());
            assertEquals(contents(from), contents(to));
        }
    }
}
