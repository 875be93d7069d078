package mutual.engine.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.filter.Filter;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export from one store, import into another that never met it: the same events, byte for byte. */
class BundleRoundTripTest {
    @TempDir Path dir;
    final BundleFixture fx = new BundleFixture();
    final SecretKey alice = Keys.key(1), bob = Keys.key(2), carol = Keys.key(3);
    final long now = fx.clock.seconds();
    SqliteStore a, b;
    Event giftWrap, deleted;

    @BeforeEach
    void fill() {
        a = fx.store(dir.resolve("a"));
        b = fx.store(dir.resolve("b"));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) events.add(Keys.note(i % 2 == 0 ? alice : bob, now - 1000 + i, "note " + i + " \u00e9\u2028\"quoted\"\n"));
        events.add(Keys.event(alice, 0, now - 500, "{\"name\":\"old alice\"}"));
        events.add(Keys.event(alice, 0, now - 400, "{\"name\":\"alice\"}"));
        events.add(Keys.event(bob, 30402, now - 300, "bike to lend", new Tag(List.of("d", "bike")), new Tag(List.of("t", "transport"))));
        events.add(Keys.event(bob, 30402, now - 200, "bike to lend, now with lights", new Tag(List.of("d", "bike"))));
        deleted = Keys.note(carol, now - 900, "posted by mistake");
        events.add(deleted);
        events.add(Keys.event(carol, 5, now - 100, "", new Tag(List.of("e", deleted.id().hex()))));
        events.add(Keys.note(carol, now - 50, "gone in a day", new Tag(List.of("expiration", Long.toString(now + 86400)))));
        giftWrap = Keys.event(carol, 1059, now - 10, "ciphertext", new Tag(List.of("p", bob.publicKey().hex())));
        events.add(giftWrap);
        BundleFixture.write(a, events);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void twoStoresThatNeverMetEndWithTheSameEventsByteForByte() throws Exception {
        Path file = dir.resolve("all.bundle");
        BundleExport.Result r = BundleExport.write(a, BundleExport.Selection.everything(), file, fx.clock);
        assertFalse(Files.exists(dir.resolve("all.bundle.tmp")));
        assertFalse(Files.exists(dir.resolve("all.bundle.body.tmp")));

        BundleImport.Summary s = fx.importInto(b, file);

        Map<String, String> expected = BundleFixture.contents(a);
        expected.remove(giftWrap.id().hex());
        assertEquals(expected, BundleFixture.contents(b));
        assertEquals(Optional.empty(), s.damage());
        assertEquals(expected.size(), s.counts().stored());
        assertEquals(expected.size(), r.manifest().count());
        assertEquals(0, s.counts().invalid() + s.counts().refused() + s.counts().duplicate() + s.counts().failed());
        assertEquals(1, r.giftWrapsLeftOut());
        assertEquals(now - 1000, r.manifest().since().getAsLong());
        assertEquals(now - 50, r.manifest().until().getAsLong());
        assertTrue(b.get(deleted.id()).isEmpty());
        // The deletion travelled too: the deleted note cannot come back to the second store.
        assertTrue(b.write(List.of(deleted)).get(0) instanceof mutual.store.WriteOutcome.Deleted);
    }

    @Test
    void giftWrapsTravelOnlyWhenAskedFor() throws Exception {
        Path file = dir.resolve("with-wraps.bundle");
        BundleExport.Result r = BundleExport.write(a, new BundleExport.Selection(Optional.empty(), true), file, fx.clock);
        assertEquals(0, r.giftWrapsLeftOut());
        assertTrue(r.manifest().giftWraps());
        fx.importInto(b, file);
        assertEquals(BundleFixture.contents(a), BundleFixture.contents(b));
    }

    @Test
    void aFilterSelectsExactlyTheEventsItMatches() throws Exception {
        Filter f = Filter.builder().authors(java.util.Set.of(alice.publicKey())).kinds(java.util.Set.of(1)).since(now - 990).build();
        Path file = dir.resolve("alice.bundle");
        BundleExport.Result r = BundleExport.write(a, new BundleExport.Selection(Optional.of(f), false), file, fx.clock);
        fx.importInto(b, file);

        Map<String, String> expected = new TreeMap<>();
        a.scan(0, Long.MAX_VALUE, se -> {
            if (f.matches(se.event())) expected.put(se.event().id().hex(), new String(se.json(), java.nio.charset.StandardCharsets.UTF_8));
        });
        assertEquals(25, expected.size());
        assertEquals(expected, BundleFixture.contents(b));
        assertEquals(Optional.of(f), r.manifest().filter());
    }

    @Test
    void aFilterWithALimitTakesTheNewestMatchesOldestFirst() throws Exception {
        Filter f = Filter.builder().kinds(java.util.Set.of(1)).limit(5).build();
        Path file = dir.resolve("newest.bundle");
        BundleExport.Result r = BundleExport.write(a, new BundleExport.Selection(Optional.of(f), false), file, fx.clock);
        List<Long> times = new ArrayList<>();
        try (BundleReader reader = BundleReader.open(file, 1 << 20)) {
            Optional<BundleReader.Line> l;
            while ((l = reader.next()).isPresent())
                times.add(mutual.protocol.event.EventReader.read(mutual.protocol.json.Json.create(mutual.protocol.json.Limits.defaults()),
                        l.get().bytes().orElseThrow()).createdAt());
        }
        assertEquals(List.of(now - 944, now - 943, now - 942, now - 941, now - 50), times);
        assertEquals(5, r.manifest().count());
    }

    @Test
    void importingTheSameBundleTwiceFindsOnlyDuplicates() throws Exception {
        Path file = dir.resolve("twice.bundle");
        BundleExport.Result r = BundleExport.write(a, BundleExport.Selection.everything(), file, fx.clock);
        fx.importInto(b, file);
        BundleImport.Summary second = fx.importInto(b, file);
        assertEquals(r.manifest().count(), second.counts().duplicate());
        assertEquals(0, second.counts().stored());
        assertEquals(Optional.empty(), second.damage());
    }

    @Test
    void anEmptySelectionMakesAnEmptyButValidBundle() throws Exception {
        Filter f = Filter.builder().kinds(java.util.Set.of(7)).build();
        Path file = dir.resolve("empty.bundle");
        BundleExport.Result r = BundleExport.write(a, new BundleExport.Selection(Optional.of(f), false), file, fx.clock);
        assertEquals(0, r.manifest().count());
        assertTrue(r.manifest().since().isEmpty());
        BundleImport.Summary s = fx.importInto(b, file);
        assertEquals(Optional.empty(), s.damage());
        assertEquals(0, b.size());
    }

    @Test
    void theManifestSurvivesItsOwnEncoding() {
        Filter f = Filter.builder().kinds(java.util.Set.of(1, 30402)).tag('t', java.util.Set.of("food")).since(5).build();
        Manifest m = new Manifest(1, 1_750_000_000L, 3, java.util.OptionalLong.of(5), java.util.OptionalLong.of(9), Optional.of(f), true, 1234,
                "ab".repeat(32));
        assertEquals(m, Manifest.read(m.toJsonBytes()));
    }
}
