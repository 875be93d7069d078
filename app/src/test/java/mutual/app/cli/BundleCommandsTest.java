package mutual.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import mutual.engine.bundle.BundleWriter;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventJson;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mutual bundle export} and {@code import} as a user runs them, on real data folders. */
class BundleCommandsTest {
    @TempDir Path dir;
    final SecretKey alice = SecretKey.generate(new Random(7)), bob = SecretKey.generate(new Random(8));
    final long now = System.currentTimeMillis() / 1000;

    static List<Event> notes(SecretKey key, int n, long newest) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(EventBuilder.create(1, newest - n + i).tag("t", "food").content("soup for " + i + " people").sign(key));
        return out;
    }

    static Map<String, String> contents(Path data) {
        Map<String, String> out = new TreeMap<>();
        try (SqliteStore s = SqliteStore.open(data)) {
            s.scan(0, Long.MAX_VALUE, se -> out.put(se.event().id().hex(), new String(se.json(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    Path folderWith(String name, List<Event> events) {
        Path data = dir.resolve(name);
        try (SqliteStore s = SqliteStore.open(data)) {
            s.write(events);
        }
        return data;
    }

    @Test
    void aBundleCarriesEventsBetweenTwoFoldersThatNeverMet() {
        List<Event> events = new ArrayList<>(notes(alice, 300, now - 10));
        events.add(EventBuilder.create(30402, now - 5).tag("d", "ladder").content("ladder to lend").sign(bob));
        Path a = folderWith("a", events);
        Path b = dir.resolve("b");
        Path file = dir.resolve("carried.bundle");

        CliRun export = CliRun.of("bundle", "export", "--data", a.toString(), "-o", file.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("301 events"), export.out());

        CliRun imp = CliRun.of("bundle", "import", file.toString(), "--data", b.toString(), "--quiet");
        assertEquals(0, imp.exitCode(), imp.err() + imp.out());
        assertTrue(imp.out().contains("stored              301"), imp.out());
        assertTrue(imp.out().contains("The file is whole"), imp.out());
        assertEquals(contents(a), contents(b));
    }

    @Test
    void aFilterChoosesWhatGoesIntoTheBundle() {
        List<Event> events = new ArrayList<>(notes(alice, 20, now - 100));
        events.addAll(notes(bob, 30, now - 100));
        Path a = folderWith("a", events);
        Path file = dir.resolve("bob.bundle");
        CliRun export = CliRun.of("bundle", "export", "--data", a.toString(), "-o", file.toString(), "--json",
                "--filter", "{\"authors\":[\"" + bob.publicKey().hex() + "\"]}");
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("\"count\":30"), export.out());
        CliRun imp = CliRun.of("bundle", "import", file.toString(), "--data", dir.resolve("b").toString(), "--quiet", "--json");
        assertTrue(imp.out().contains("\"stored\":30"), imp.out());
        assertEquals(30, contents(dir.resolve("b")).size());
    }

    @Test
    void forgedEventsAreReportedNeverStoredAndTheExitCodeSaysSo() throws Exception {
        List<Event> good = notes(alice, 10, now);
        Event forged = new Event(good.get(3).id(), bob.publicKey(), now, 1, List.of(), "send money here", good.get(3).sig());
        Path file = dir.resolve("forged.bundle");
        try (BundleWriter w = BundleWriter.create(file)) {
            for (int i = 0; i < 10; i++) {
                if (i == 5) w.add(EventJson.writeBytes(forged), now);
                else w.add(EventJson.writeBytes(good.get(i)), now);
            }
            w.add(EventJson.writeBytes(good.get(5)), now);
            w.finish(now, Optional.empty(), false);
        }
        CliRun imp = CliRun.of("bundle", "import", file.toString(), "--data", dir.resolve("b").toString(), "--quiet", "--json");
        assertEquals(1, imp.exitCode(), imp.err());
        assertTrue(imp.out().contains("\"stored\":10,"), imp.out());
        assertTrue(imp.out().contains("\"invalid\":1,"), imp.out());
        assertTrue(imp.out().contains("\"invalid_lines\":[{\"line\":6,"), imp.out());
        assertTrue(imp.out().contains("\"whole\":true"), imp.out());
        assertEquals(10, contents(dir.resolve("b")).size());
    }

    @Test
    void mistakesGetAMessageAndAnExitCodeNotAStackTrace() throws Exception {
        CliRun noData = CliRun.of("bundle", "export", "--data", dir.resolve("nothing").toString(), "-o", dir.resolve("x").toString());
        assertEquals(3, noData.exitCode());
        assertTrue(noData.err().contains("no node data"), noData.err());
        assertTrue(Files.notExists(dir.resolve("nothing")), "export must not create a data folder");

        Path a = folderWith("a", notes(alice, 2, now));
        CliRun badFilter = CliRun.of("bundle", "export", "--data", a.toString(), "-o", dir.resolve("x").toString(), "--filter", "{\"kinds\":\"1\"}");
        assertEquals(2, badFilter.exitCode());
        assertTrue(badFilter.err().contains("--filter"), badFilter.err());

        Path notBundle = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        CliRun imp = CliRun.of("bundle", "import", notBundle.toString(), "--data", dir.resolve("b").toString(), "--quiet");
        assertEquals(1, imp.exitCode());
        assertTrue(imp.err().contains("not a Mutual bundle"), imp.err());
        assertTrue(!imp.err().contains("Exception"), imp.err());

        CliRun missing = CliRun.of("bundle", "import", dir.resolve("nope.bundle").toString(), "--data", dir.resolve("b").toString());
        assertEquals(3, missing.exitCode());
    }

    @Test
    void aCutShortCopyTakesWhatItCanAndAWholeCopyFinishesFromTheCheckpoint() throws Exception {
        Path a = folderWith("a", notes(alice, 3000, now));
        Path file = dir.resolve("whole.bundle");
        assertEquals(0, CliRun.of("bundle", "export", "--data", a.toString(), "-o", file.toString()).exitCode());
        byte[] all = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.bundle"), java.util.Arrays.copyOf(all, all.length / 2));
        Path b = dir.resolve("b");

        CliRun first = CliRun.of("bundle", "import", cut.toString(), "--data", b.toString(), "--quiet", "--json");
        assertEquals(1, first.exitCode());
        assertTrue(first.out().contains("\"whole\":false"), first.out());
        assertTrue(first.out().contains("cut short"), first.out());

        CliRun second = CliRun.of("bundle", "import", file.toString(), "--data", b.toString(), "--quiet", "--json");
        assertEquals(0, second.exitCode(), second.out());
        assertTrue(!second.out().contains("\"resumed_after\":0,"), "the second run continues where the first stopped: " + second.out());
        assertTrue(second.out().contains("\"stored\":3000,"), second.out());
        assertEquals(contents(a), contents(b));
        try (var left = Files.list(b.resolve("bundle-imports"))) {
            assertEquals(List.of(), left.toList(), "a finished import leaves no checkpoint");
        }
    }
}
