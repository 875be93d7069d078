package mutual.store.sqlite;

import static mutual.store.sqlite.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.store.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-text index is filled after the commits that store events (V003, {@link TextIndex}),
 * and a search still finds every event stored before it, by this process or another.
 */
class TextIndexTest {
    @TempDir Path dir;
    final Fixture fx = new Fixture(12);
    final SecretKey alice = fx.key();

    List<Event> search(SqliteStore s, String q) {
        return s.query(List.of(filter().search(q).build()), Viewer.node(), 100);
    }

    static long behind(SqliteStore s) throws SQLException {
        try (Statement st = s.writerConnectionForTests().createStatement()) {
            return Long.parseLong(Connections.single(st, "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events) - upto FROM text_indexed"));
        }
    }

    static long indexedWords(SqliteStore s) throws SQLException {
        try (Statement st = s.writerConnectionForTests().createStatement()) {
            return Long.parseLong(Connections.single(st, "SELECT COUNT(*) FROM events_fts"));
        }
    }

    /** Back to schema version 2: words indexed in each commit, and a trigger that always removes them. */
    static void undoVersion3(Statement st) throws SQLException {
        st.executeUpdate("DROP TRIGGER events_fts_delete");
        st.executeUpdate("DROP TABLE text_indexed");
        st.executeUpdate("CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN DELETE FROM events_fts WHERE rowid = old.seq; END");
        st.executeUpdate("DELETE FROM schema_version WHERE version > 2");
    }

    @Test
    void wordsAreIndexedAfterTheCommitAndASearchFindsEveryStoredEvent() throws Exception {
        Event bike = event(alice, 1, NOW - 20, "cargo bike to lend");
        Event soup = event(alice, 1, NOW - 10, "soup for the bike courier");
        try (SqliteStore s = store(dir)) {
            s.write(List.of(bike, soup));
            assertEquals(2, behind(s), "a small commit leaves its words for later");
            assertEquals(0, indexedWords(s));
            assertEquals(List.of(soup, bike), search(s, "bike"));
            assertEquals(0, behind(s), "the search brought the index up to date first");
            assertEquals(1, s.count(List.of(filter().search("cargo").build()), Viewer.node()));
        }
    }

    @Test
    void catchUpWorksInStepsAndSaysWhenNothingIsLeft() throws Exception {
        try (SqliteStore s = store(dir)) {
            for (int i = 0; i < 5; i++) s.write(List.of(event(alice, 1, NOW - 100 + i, "word" + i)));
            assertEquals(2, s.catchUp(2));
            assertEquals(3, behind(s));
            assertEquals(3, s.catchUp(10));
            assertEquals(0, s.catchUp(10));
            assertEquals(5, indexedWords(s));
        }
    }

    @Test
    void aFullBatchOfWaitingEventsIsIndexedByTheWriter() throws Exception {
        List<Event> many = new ArrayList<>();
        for (int i = 0; i < TextIndex.BATCH; i++) many.add(event(alice, 1, NOW - 5000 + i, "garden " + i));
        try (SqliteStore s = store(dir)) {
            for (int i = 0; i < many.size(); i += 100) s.write(many.subList(i, i + 100));
            assertEquals(0, behind(s));
            assertEquals(TextIndex.BATCH, indexedWords(s));
        }
    }

    @Test
    void anEventReplacedBeforeItsWordsWereIndexedLeavesNoWordsBehind() throws Exception {
        Event first = event(alice, 0, NOW - 20, "bike mechanic");
        Event second = event(alice, 0, NOW - 10, "soup cook");
        try (SqliteStore s = store(dir)) {
            s.write(List.of(first));
            s.write(List.of(second));
            assertEquals(List.of(), search(s, "bike"));
            assertEquals(List.of(second), search(s, "soup"));
            assertEquals(1, indexedWords(s));
            s.write(List.of(event(alice, 0, NOW - 5, "tailor")));
            assertEquals(0, indexedWords(s), "an indexed event's words go with it");
            try (Statement st = s.writerConnectionForTests().createStatement()) {
                st.executeUpdate("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')");
            }
        }
    }

    @Test
    void aStoreLeavingWordsLaterIndexesNoneAndTheNextStoreOnTheFolderFindsThem() throws Exception {
        List<Event> many = new ArrayList<>();
        for (int i = 0; i < TextIndex.BATCH + 10; i++) many.add(event(alice, 1, NOW - 5000 + i, "garden " + i));
        try (SqliteStore importer = SqliteStore.builder(dir).readers(1).cacheKiB(4096, 2048).clock(java.time.InstantSource.fixed(java.time.Instant.ofEpochSecond(NOW))).wordsLater().open()) {
            importer.write(many);
            assertEquals(0, importer.catchUp(100), "no put-off work for a bulk writer");
            assertEquals(0, indexedWords(importer));
        }
        try (SqliteStore node = store(dir)) {
            assertEquals(many.size(), behind(node), "closing the importer indexed nothing");
            assertEquals(100, node.catchUp(100), "the node indexes them when idle");
            assertEquals(many.size(), node.count(List.of(filter().search("garden").build()), Viewer.node()),
                    "a search first brings the index up to date");
            assertEquals(0, behind(node));
        }
    }

    @Test
    void closingLeavesEveryWordIndexed() throws Exception {
        try (SqliteStore s = store(dir)) {
            s.write(List.of(event(alice, 1, NOW - 20, "ladder"), event(alice, 1, NOW - 10, "drill")));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mutual.db")); var st = c.createStatement()) {
            assertEquals("0", Connections.single(st, "SELECT (SELECT MAX(seq) FROM events) - upto FROM text_indexed"));
            assertEquals("2", Connections.single(st, "SELECT COUNT(*) FROM events_fts"));
        }
    }

    @Test
    void aSearchFindsWhatAnotherProcessStoredAndLeftUnindexed() throws Exception {
        Event ladder = event(alice, 1, NOW - 10, "ladder to borrow");
        try (SqliteStore node = store(dir)) {
            // Another process on the same folder (an import) stores an event, then dies before indexing it.
            try (SqliteStore other = store(dir)) {
                other.write(List.of(ladder));
                try (Statement st = other.writerConnectionForTests().createStatement()) {
                    st.executeUpdate("UPDATE text_indexed SET upto = 0");
                }
                other.writerConnectionForTests().close(); // no catch-up at close: as if killed
            } catch (RuntimeException closingAClosedConnection) {
                // the store's own close finds its writer gone; what matters is what is on disk
            }
            assertEquals(List.of(ladder), search(node, "ladder"));
        }
    }

    @Test
    void aVersion2DatabaseKeepsItsIndexedWordsAndIndexesNewOnesLater() throws Exception {
        Event old = event(alice, 1, NOW - 30, "blanket for winter");
        try (SqliteStore s = store(dir)) {
            s.write(List.of(old));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mutual.db")); var st = c.createStatement()) {
            undoVersion3(st);
        }
        Event fresh = event(alice, 1, NOW - 10, "winter coat");
        try (SqliteStore s = store(dir)) {
            assertEquals(0, behind(s), "every event of version 2 had its words indexed in its commit");
            s.write(List.of(fresh));
            assertEquals(1, behind(s));
            assertEquals(List.of(fresh, old), search(s, "winter"));
        }
    }
}
