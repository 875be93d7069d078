package mutual.engine.sync;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import mutual.protocol.event.EventId;
import mutual.protocol.negentropy.Bound;
import mutual.protocol.negentropy.Item;
import mutual.protocol.negentropy.NegentropyStorage;
import mutual.protocol.negentropy.VectorStorage;
import mutual.store.KeyChange;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mutable block index against the sealed {@link VectorStorage} reference: after random
 * inserts and removes (enough to split and empty blocks), every read the reconciler makes agrees.
 */
class SyncIndexTest {
    @TempDir Path dir;

    @Test
    void agreesWithASealedVectorAfterRandomChanges() {
        Random rnd = new Random(42);
        try (SqliteStore store = SqliteStore.open(dir)) {
            SyncIndex index = SyncIndex.over(store);
            assertEquals(0, index.size());
            TreeSet<Item> truth = new TreeSet<>();
            List<Item> all = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                List<KeyChange> changes = new ArrayList<>();
                for (int i = 0; i < 2500; i++) {
                    if (!all.isEmpty() && rnd.nextInt(4) == 0) {
                        Item gone = all.remove(rnd.nextInt(all.size()));
                        truth.remove(gone);
                        changes.add(new KeyChange(false, gone.timestamp(), gone.id(), 1));
                    } else {
                        byte[] id = new byte[32];
                        rnd.nextBytes(id);
                        Item it = new Item(rnd.nextInt(300), EventId.of(id));
                        truth.add(it);
                        all.add(it);
                        changes.add(new KeyChange(true, it.timestamp(), it.id(), 1));
                    }
                }
                changes.add(new KeyChange(true, 5, EventId.of(new byte[32]), SyncIndex.GIFT_WRAP)); // never indexed
                index.changedForTests(changes);
                VectorStorage ref = VectorStorage.of(truth);
                index.read(view -> {
                    compare(ref, view, rnd);
                    return null;
                });
            }
        }
    }

    private static void compare(NegentropyStorage ref, NegentropyStorage view, Random rnd) {
        int n = ref.size();
        assertEquals(n, view.size());
        for (int i = 0; i < n; i += 97) assertEquals(ref.item(i), view.item(i));
        assertEquals(ref.fingerprint(0, n), view.fingerprint(0, n));
        for (int k = 0; k < 200; k++) {
            int a = rnd.nextInt(n + 1), b = rnd.nextInt(n + 1);
            int lo = Math.min(a, b), hi = Math.max(a, b);
            assertEquals(ref.fingerprint(lo, hi), view.fingerprint(lo, hi), "[" + lo + ", " + hi + ")");
            byte[] prefix = new byte[rnd.nextInt(3)];
            rnd.nextBytes(prefix);
            Bound bound = Bound.of(rnd.nextInt(310), prefix);
            assertEquals(ref.findLowerBound(lo, hi, bound), view.findLowerBound(lo, hi, bound));
        }
        List<Item> seen = new ArrayList<>();
        view.forEach(3, Math.min(n, 2100), (i, ts, id) -> seen.add(new Item(ts, EventId.of(id))));
        for (int i = 0; i < seen.size(); i++) assertEquals(ref.item(3 + i), seen.get(i));
    }
}
