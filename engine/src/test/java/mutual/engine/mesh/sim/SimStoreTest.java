package mutual.engine.mesh.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import mutual.engine.ingest.Outcome;
import mutual.engine.testing.Keys;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.store.WriteOutcome;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulation's store ({@link SimStore}) against the real one ({@link SqliteStore}): the same
 * random streams of notes, versions of replaceable and addressable events (many at equal
 * {@code created_at}) and NIP-09 deletions, written one event at a time, must get the same
 * answer from both (stored, duplicate, refused as deleted with the same reason) and leave both
 * holding the same events.
 */
class SimStoreTest {
    @TempDir
    Path dir;

    @Test
    void answersAndKeepsWhatTheRealStoreDoes() {
        Set<String> seen = new TreeSet<>();
        for (int seed = 1; seed <= 8; seed++) {
            try (SqliteStore real = SqliteStore.open(dir.resolve("s" + seed))) {
                SimStore sim = new SimStore();
                SplittableRandom r = new SplittableRandom(seed);
                List<SecretKey> authors = List.of(Keys.key(1), Keys.key(2));
                List<Event> made = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    Event e = next(r, authors, made, i);
                    made.add(e);
                    WriteOutcome w = real.write(List.of(e)).getFirst();
                    Outcome o = sim.refusal(e).orElse(null);
                    if (o == null) sim.put(e);
                    seen.add(describe(o));
                    assertEquals(describe(w), describe(o), "seed " + seed + " event " + i + " (kind " + e.kind() + ")");
                }
                for (Event e : made)
                    assertEquals(real.get(e.id()).isPresent(), sim.events().containsKey(e.id()), "seed " + seed + ": held " + e.content());
            }
        }
        assertEquals(Set.of("stored", "duplicate", "rejected " + SimStore.DELETED), seen, "every answer was exercised");
    }

    private static Event next(SplittableRandom r, List<SecretKey> authors, List<Event> made, int i) {
        SecretKey k = authors.get(r.nextInt(authors.size()));
        int pick = r.nextInt(10);
        if (pick < 2 && !made.isEmpty()) return made.get(r.nextInt(made.size())); // again
        if (pick < 4 && !made.isEmpty()) {
            Event target = made.get(r.nextInt(made.size()));
            return Keys.event(k, SimStore.DELETION, 1_000 + r.nextInt(5), "deletion " + i, Tag.of("e", target.id().hex()));
        }
        if (pick < 6) return Keys.note(k, 1_000 + r.nextInt(5), "note " + i);
        int kind = pick == 6 ? 0 : pick == 7 ? 10002 : 30402;
        Tag[] tags = kind == 30402 ? new Tag[] {Tag.of("d", "d" + r.nextInt(2))} : new Tag[0];
        return Keys.event(k, kind, 1_000 + r.nextInt(3), "version " + i, tags);
    }

    private static String describe(WriteOutcome w) {
        return switch (w) {
            case WriteOutcome.Stored s -> "stored";
            case WriteOutcome.Duplicate d -> "duplicate";
            case WriteOutcome.Superseded s -> "duplicate";
            case WriteOutcome.Deleted d -> "rejected " + d.reason();
            case WriteOutcome.Ephemeral e -> "ephemeral";
        };
    }

    private static String describe(Outcome o) {
        return switch (o) {
            case null -> "stored";
            case Outcome.AlreadyHave a -> "duplicate";
            case Outcome.Rejected r -> "rejected " + r.reason();
            default -> o.toString();
        };
    }
}
