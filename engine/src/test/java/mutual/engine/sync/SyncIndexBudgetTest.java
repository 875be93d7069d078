package mutual.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import mutual.engine.ingest.Prefix;
import mutual.engine.testing.Keys;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.filter.Filter;
import mutual.protocol.negentropy.NegentropyConfig;
import mutual.protocol.negentropy.NegentropyStorage;
import mutual.store.Viewer;
import mutual.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync index that would not fit the heap is refused with a reason, before it is loaded. */
class SyncIndexBudgetTest {
    @TempDir
    Path dir;

    @Test
    void aSetLargerThanTheBudgetIsRefusedWithAReason() {
        try (SqliteStore store = SqliteStore.builder(dir).readers(1).open()) {
            for (int i = 0; i < 3; i++) store.write(List.of(EventBuilder.create(1, 1_700_000_000L + i).content("e" + i).sign(Keys.key(1))));
            long justEnough = 3 * SyncIndex.LOADED_BYTES_PER_EVENT;

            SyncIndex tight = SyncIndex.over(store, justEnough - 1);
            SyncIndex.TooLarge e = assertThrows(SyncIndex.TooLarge.class, () -> tight.read(NegentropyStorage::size));
            assertTrue(e.getMessage().startsWith("this node's sync index for its 3 events would need about 0 MB of heap"), e.getMessage());

            SyncSessions sessions = new SyncSessions(tight, store, NegentropyConfig.defaults(), 1000);
            var refused = (SyncSessions.Opened.Refused) sessions.open(Filter.builder().build(), Viewer.anonymous());
            assertEquals(Prefix.ERROR, refused.refusal().prefix());
            assertTrue(refused.refusal().text().startsWith("error: this node's sync index"), refused.refusal().text());

            assertEquals(3, SyncIndex.over(store, justEnough).read(NegentropyStorage::size));
        }
    }
}
