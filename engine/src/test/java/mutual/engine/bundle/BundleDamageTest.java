package mutual.engine.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile bundles: nothing forged is stored, and the report says what was wrong. */
class BundleDamageTest {
    @TempDir Path dir;
    final BundleFixture fx = new BundleFixture();
    final SecretKey alice = Keys.key(11);
    final long now = fx.clock.seconds();
    SqliteStore store;

    @BeforeEach
    void open() {
        store = fx.store(dir.resolve("data"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    List<Event> notes(int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Keys.note(alice, now - n + i, "note " + i));
        return out;
    }

    @Test
    void forgedLinesInTheMiddleAreCountedInvalidAndNeverStored() throws Exception {
        List<Event> good = notes(20);
        Event original = Keys.note(alice, now, "I owe nobody anything");
        Event tampered = Keys.tampered(original);
        Event wrongSig = Keys.withSignatureOf(Keys.note(alice, now, "signed by someone else"), good.get(0));
        List<byte[]> lines = new ArrayList<>(BundleFixture.lines(good.subList(0, 10)));
        lines.add(mutual.protocol.event.EventJson.writeBytes(tampered));
        lines.add(mutual.protocol.event.EventJson.writeBytes(wrongSig));
        lines.add("{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8));
        lines.addAll(BundleFixture.lines(good.subList(10, 20)));
        Path file = BundleFixture.handMade(dir.resolve("forged.bundle"), lines, Optional.empty());

        BundleImport.Summary s = fx.importInto(store, file);

        assertEquals(20, s.counts().stored());
        assertEquals(3, s.counts().invalid());
        assertEquals(20, store.size());
        assertTrue(store.get(tampered.id()).isEmpty());
        assertTrue(store.get(wrongSig.id()).isEmpty());
        assertEquals(1L, s.counts().reasons().get("invalid: event id does not match its content"));
        assertEquals(1L, s.counts().reasons().get("invalid: bad signature"));
        assertEquals(List.of(11L, 12L, 13L), s.counts().examples().stream().map(Counts.Example::line).toList());
        assertEquals(Optional.empty(), s.damage()); // the file is whole; it just carries forgeries
    }

    @Test
    void aChecksumMismatchIsReportedAndTheAuthenticEventsAreKept() throws Exception {
        Path file = BundleFixture.handMade(dir.resolve("bad-sum.bundle"), BundleFixture.lines(notes(10)), Optional.of("00".repeat(32)));
        BundleImport.Summary s = fx.importInto(store, file);
        assertTrue(s.damage().orElseThrow().contains("checksum"), s.damage().toString());
        assertEquals(10, s.counts().stored());
        assertEquals(0, s.counts().invalid());
    }

    @Test
    void aTruncatedFileImportsWhatItCanAndSaysItWasCutShort() throws Exception {
        try (SqliteStore source = fx.store(dir.resolve("source"))) {
            BundleFixture.write(source, notes(2000));
            BundleExport.write(source, BundleExport.Selection.everything(), dir.resolve("whole.bundle"), fx.clock);
        }
        Path cut = BundleFixture.truncated(dir.resolve("whole.bundle"), dir.resolve("cut.bundle"), 0.5);
        BundleImport.Summary s = fx.importInto(store, cut);
        assertTrue(s.damage().orElseThrow().contains("cut short"), s.damage().toString());
        assertTrue(s.counts().stored() > 500 && s.counts().stored() < 2000, "stored " + s.counts().stored());
        assertEquals(s.counts().stored(), store.size());
        assertTrue(s.counts().invalid() <= 1, "at most the line cut in half is invalid");

        BundleImport.Summary whole = fx.importInto(store, dir.resolve("whole.bundle"));
        assertEquals(Optional.empty(), whole.damage());
        assertEquals(2000, store.size());
    }

    @Test
    void authenticEventsThatPoliciesRefuseAreNotCalledInvalid() throws Exception {
        Event expiring = Keys.note(alice, now - 100, "offer ends soon", new Tag(List.of("expiration", Long.toString(now + 10))));
        Event protectedNote = Keys.note(alice, now - 90, "only from me", new Tag(List.of("-")));
        Event vanishElsewhere = Keys.event(alice, 62, now - 80, "", new Tag(List.of("relay", "wss://elsewhere.example/")));
        Event fine = Keys.note(alice, now - 70, "fine");
        Path file = BundleFixture.handMade(dir.resolve("refused.bundle"),
                BundleFixture.lines(List.of(expiring, protectedNote, vanishElsewhere, fine)), Optional.empty());
        fx.clock.advance(Duration.ofSeconds(60)); // the offer expired while the bundle travelled

        BundleImport.Summary s = fx.importInto(store, file);

        assertEquals(1, s.counts().stored());
        assertEquals(3, s.counts().refused());
        assertEquals(0, s.counts().invalid());
        assertTrue(s.counts().reasons().keySet().stream().anyMatch(r -> r.startsWith("restricted:")), s.counts().reasons().toString());
    }

    @Test
    void anOverlongLineIsInvalidAndTheRestIsTaken() throws Exception {
        Event big = Keys.note(alice, now, "x".repeat(5000));
        Path file = BundleFixture.handMade(dir.resolve("long.bundle"), BundleFixture.lines(List.of(notes(1).get(0), big)), Optional.empty());
        BundleImport.Options small = BundleImport.Options.defaults();
        small = new BundleImport.Options(small.window(), small.decodeThreads(), 1000, small.limits(), small.batchEvents(), Optional.empty());
        BundleImport.Summary s = fx.importInto(store, file, small);
        assertEquals(1, s.counts().stored());
        assertEquals(1L, s.counts().reasons().get("invalid: line is longer than 1000 bytes"));
        assertEquals(Optional.empty(), s.damage());
    }

    @Test
    void filesThatAreNotBundlesAreRefusedWithAReason() throws Exception {
        Path notGzip = Files.writeString(dir.resolve("notes.jsonl"), mutual.protocol.event.EventJson.write(notes(1).get(0)) + "\n");
        assertTrue(assertThrows(BundleException.class, () -> fx.importInto(store, notGzip)).getMessage().contains("not a Mutual bundle"));

        Path noManifest = dir.resolve("no-manifest.gz");
        try (var os = new java.util.zip.GZIPOutputStream(Files.newOutputStream(noManifest))) {
            os.write(mutual.protocol.event.EventJson.writeBytes(notes(1).get(0)));
        }
        assertTrue(assertThrows(BundleException.class, () -> fx.importInto(store, noManifest)).getMessage().contains("manifest"));

        byte[] future = new String(new Manifest(1, now, 0, java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), Optional.empty(),
                false, 0, "00".repeat(32)).toJsonBytes(), StandardCharsets.UTF_8).replace("\"mutual_bundle\":1", "\"mutual_bundle\":2")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(BundleException.class, () -> Manifest.read(future)).getMessage().contains("newer"));
        assertEquals(0, store.size());
    }
}
