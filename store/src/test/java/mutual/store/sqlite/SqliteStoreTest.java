package mutual.store.sqlite;

import static mutual.store.sqlite.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventJson;
import mutual.store.StoreException;
import mutual.store.StoredEvent;
import mutual.store.Viewer;
import mutual.store.WriteOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    @TempDir Path dir;
    final Fixture fx = new Fixture(1);
    final SecretKey alice = fx.key();

    @Test
    void theDataFolderAndTheDatabaseFilesAreTheOwnersOnlyEvenIfTheyWereOpenBefore() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SqliteStore s = store(data)) {
            s.write(List.of(event(new Fixture(1).key(), 1, NOW, "kept private")));
            assertEquals("rwx------", mode(data));
            for (String f : List.of("mutual.db", "mutual.db-wal", "mutual.db-shm"))
                if (Files.exists(data.resolve(f))) assertEquals("rw-------", mode(data.resolve(f)), f);
        }
        Files.setPosixFilePermissions(data.resolve("mutual.db"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (SqliteStore s = store(data)) {
            assertEquals("rw-------", mode(data.resolve("mutual.db")), "a world-readable file is made private again");
        }
    }

    private static String mode(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createsTheFolderAndTheDatabaseFileWhenMissing() {
        Path data = dir.resolve("a/b/data");
        try (SqliteStore s = store(data)) {
            assertTrue(Files.isRegularFile(data.resolve("mutual.db")));
            assertEquals(0, s.size());
            assertEquals(java.util.Optional.empty(), s.integrityProblem());
        }
    }

    @Test
    void returnsTheStoredJsonByteForByte() {
        Event e = event(alice, 1, NOW - 10, "héllo \"world\"\n\u2028 😀", tag("t", "x"), tag("e", "0".repeat(64), "wss://r", "reply"));
        try (SqliteStore s = store(dir)) {
            assertEquals(List.of(STORED), s.write(List.of(e)));
            StoredEvent got = s.get(e.id()).orElseThrow();
            assertArrayEquals(EventJson.writeBytes(e), got.json());
            assertEquals(e, got.event());
            StoredEvent q = s.queryStored(List.of(filter().build()), Viewer.anonymous(), 10).get(0);
            assertArrayEquals(EventJson.writeBytes(e), q.json());
        }
    }

    @Test
    void answersKnowTheirKeyColumnsWithoutBeingDecoded() {
        Event plain = event(alice, 1, NOW - 10, "plain", tag("t", "x"));
        Event expiring = event(alice, 30402, NOW - 5, "expiring", tag("d", "a"), tag("t", "x"), tag("expiration", Long.toString(NOW + 60)));
        try (SqliteStore s = store(dir)) {
            s.write(List.of(plain, expiring));
            // An exact filter (its SQL answers it in full) and an inexact one (search) alike.
            for (var f : List.of(filter().tag('t', "x"), filter().search("expiring"))) {
                for (StoredEvent got : s.queryStored(List.of(f.build()), Viewer.anonymous(), 10)) {
                    Event e = got.event();
                    assertEquals(e.id(), got.id());
                    assertEquals(e.createdAt(), got.createdAt());
                    assertEquals(e.kind(), got.kind());
                    assertEquals(e.expiration().orElse(StoredEvent.NEVER), got.expiration());
                    assertFalse(got.expiredAt(NOW));
                    assertEquals(e.equals(expiring), got.expiredAt(NOW + 60));
                }
            }
            assertEquals(List.of(expiring.id(), plain.id()),
                    s.queryStored(List.of(filter().tag('t', "x").build()), Viewer.anonymous(), 10).stream().map(StoredEvent::id).toList());
        }
    }

    @Test
    void noticesCommitsByAnotherWriterButNotItsOwn() {
        try (SqliteStore node = store(dir); SqliteStore other = store(dir)) {
            assertFalse(node.changedElsewhere(), "nothing happened since opening");
            node.write(List.of(event(alice, 1, NOW - 10, "own")));
            node.purgeExpired(NOW);
            assertFalse(node.changedElsewhere(), "its own commits are reported to its listeners instead");
            other.write(List.of(event(alice, 1, NOW - 9, "imported")));
            assertTrue(node.changedElsewhere());
            assertFalse(node.changedElsewhere(), "each commit is reported once");
            other.write(List.of(event(alice, 1, NOW - 9, "imported")));
            assertFalse(node.changedElsewhere(), "a batch of duplicates still commits, but changes nothing");
            assertEquals(2, node.size());
        }
    }

    @Test
    void tellsWhatAnotherWriterStoredFromWhatItStoredItself() {
        Event before = event(alice, 1, NOW - 20, "there before the node opened");
        try (SqliteStore first = store(dir)) {
            first.write(List.of(before));
        }
        try (SqliteStore node = store(dir); SqliteStore other = store(dir)) {
            assertEquals(List.of(), node.writtenElsewhere(10).events(), "what was there at opening is not news");
            Event own1 = event(alice, 1, NOW - 10, "own 1"), own2 = event(alice, 1, NOW - 7, "own 2");
            Event in1 = event(alice, 1, NOW - 9, "imported 1"), in2 = event(alice, 1, NOW - 8, "imported 2");
            Event in3 = event(alice, 1, NOW - 6, "imported 3");
            node.write(List.of(own1));
            other.write(List.of(in1, in2));
            node.write(List.of(own2));
            other.write(List.of(in3));
            var seen = node.writtenElsewhere(10);
            assertEquals(List.of(in1, in2, in3), seen.events(), "the other writer's events, in commit order, none of its own");
            assertFalse(seen.more());
            assertEquals(List.of(), node.writtenElsewhere(10).events(), "each is told once");

            List<Event> many = new ArrayList<>();
            for (int i = 0; i < 5; i++) many.add(event(alice, 1, NOW - 30 - i, "bulk " + i));
            other.write(many);
            node.write(List.of(event(alice, 1, NOW - 5, "own 3")));
            var capped = node.writtenElsewhere(3);
            assertEquals(many.subList(2, 5), capped.events(), "the newest when there are more than asked for");
            assertTrue(capped.more());
            assertEquals(List.of(), node.writtenElsewhere(10).events(), "and the older ones are not told later");
        }
    }

    @Test
    void keepsEventsAcrossReopeningAndDoesNotMigrateTwice() throws Exception {
        Event e = event(alice, 1, NOW - 10, "kept");
        try (SqliteStore s = store(dir)) {
            s.write(List.of(e));
        }
        try (SqliteStore s = store(dir)) {
            assertEquals(List.of(e), all(s));
            assertEquals(List.of(DUPLICATE), s.write(List.of(e)));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mutual.db"));
             var rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            assertTrue(rs.next());
            assertEquals(Migrations.SCRIPTS.size(), rs.getInt(1));
            assertEquals(Migrations.SCRIPTS.size(), rs.getInt(2));
        }
    }

    @Test
    void aVersion1DatabaseGetsTheSingleAuthorIndexAndAnswersAsBefore() throws Exception {
        List<Event> evs = List.of(event(alice, 1, NOW - 30, "note"), event(alice, 0, NOW - 20, "profile"),
                event(alice, 30402, NOW - 10, "listing", tag("d", "bike")));
        try (SqliteStore s = store(dir)) {
            s.write(evs);
        }
        // Back to version 1 as it was released: two author indexes, no events_author.
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mutual.db")); var st = c.createStatement()) {
            st.executeUpdate("DROP INDEX events_author");
            st.executeUpdate("CREATE INDEX events_pubkey ON events (pubkey, created_at)");
            st.executeUpdate("CREATE INDEX events_pubkey_kind ON events (pubkey, kind, created_at)");
            TextIndexTest.undoVersion3(st);
            st.executeUpdate("DELETE FROM schema_version WHERE version > 1");
        }
        try (SqliteStore s = store(dir)) {
            assertEquals(List.of(evs.get(2), evs.get(1), evs.get(0)), s.query(List.of(filter().authors(alice.publicKey()).build()), Viewer.node(), 100));
            assertEquals(List.of(evs.get(1)), s.query(List.of(filter().authors(alice.publicKey()).kinds(0).build()), Viewer.node(), 100));
            assertEquals(List.of(evs.get(0)), s.query(List.of(filter().authors(alice.publicKey()).kinds(1).build()), Viewer.node(), 100));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mutual.db"));
             var rs = c.createStatement().executeQuery("SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema"
                     + " WHERE type = 'index' AND name LIKE 'events_%' ORDER BY name)")) {
            assertTrue(rs.next());
            assertEquals("events_address,events_author,events_created,events_expiration,events_id,events_kind", rs.getString(1));
        }
    }

    @Test
    void refusesADatabaseFromANewerVersion() throws Exception {
        try (SqliteStore s = store(dir)) {
            assertEquals(0, s.size());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mutual.db"))) {
            c.createStatement().executeUpdate("INSERT INTO schema_version VALUES (99, 'V099__future.sql', 0)");
        }
        StoreException e = assertThrows(StoreException.class, () -> store(dir));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void runsInWalModeWithTheLogSyncedByTheStore() throws Exception {
        try (SqliteStore s = store(dir)) {
            try (var st = s.writerConnectionForTests().createStatement()) {
                assertEquals("wal", Connections.single(st, "PRAGMA journal_mode"));
                assertEquals("1", Connections.single(st, "PRAGMA synchronous"), "NORMAL: WalSync syncs the log");
                assertEquals("1", Connections.single(st, "PRAGMA foreign_keys"));
            }
        }
    }

    @Test
    void aDeferredWriteIsVisibleAtOnceAndDurableAfterSync() {
        try (SqliteStore s = store(dir)) {
            Event e = event(alice, 1, NOW - 10, "deferred");
            assertEquals(List.of(STORED), s.writeDeferred(List.of(new StoredEvent(e, EventJson.writeBytes(e)))));
            assertTrue(s.syncPendingForTests(), "committed, not yet synced");
            assertEquals(List.of(e), all(s), "readers see the commit before the sync");
            s.sync();
            assertFalse(s.syncPendingForTests());
            s.write(List.of(event(alice, 1, NOW - 9, "written")));
            assertFalse(s.syncPendingForTests(), "write() returns durable");
            assertArrayEquals(EventJson.writeBytes(e), s.get(e.id()).orElseThrow().json());
        }
    }

    @Test
    void reportsDuplicatesInsideOneBatchAndAcrossBatches() {
        Event a = event(alice, 1, NOW - 5, "a");
        Event b = event(alice, 1, NOW - 4, "b");
        try (SqliteStore s = store(dir)) {
            assertEquals(List.of(STORED, DUPLICATE, STORED), s.write(List.of(a, a, b)));
            assertEquals(List.of(DUPLICATE), s.write(List.of(b)));
            assertEquals(2, s.size());
        }
    }

    @Test
    void neverStoresEphemeralEvents() {
        Event e = event(alice, 20001, NOW - 5, "typing");
        try (SqliteStore s = store(dir)) {
            assertEquals(List.of(new WriteOutcome.Ephemeral()), s.write(List.of(e)));
            assertEquals(0, s.size());
            assertFalse(s.get(e.id()).isPresent());
        }
    }

    @Test
    void scansEverythingOldestFirstInPages() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 2500; i++) events.add(event(alice, 1, NOW - 3000 + i / 3, "n" + i));
        try (SqliteStore s = store(dir)) {
            s.write(events);
            List<Event> seen = new ArrayList<>();
            s.scan(0, Long.MAX_VALUE, se -> seen.add(se.event()));
            List<Event> expected = new ArrayList<>(events);
            expected.sort(java.util.Comparator.comparingLong(Event::createdAt).thenComparing(Event::id));
            assertEquals(expected, seen);
            List<Event> window = new ArrayList<>();
            s.scan(NOW - 2000, NOW - 1990, se -> window.add(se.event()));
            assertEquals(expected.stream().filter(e -> e.createdAt() >= NOW - 2000 && e.createdAt() <= NOW - 1990).toList(), window);
        }
    }
}
