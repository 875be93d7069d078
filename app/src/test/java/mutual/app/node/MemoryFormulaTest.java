package mutual.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import mutual.app.config.Config;
import mutual.app.config.NodeSettings;
import org.junit.jupiter.api.Test;

class MemoryFormulaTest {
    static final long MIB = 1 << 20;
    static final long LAUNCHER_HEAP = 245 * MIB; // what -Xmx256m gives as the maximum with the parallel collector

    static Config settings(Map<String, String> flags) {
        return Config.resolve(NodeSettings.all(), Optional.empty(), Map.of(), flags);
    }

    @Test
    void theDefaultsSizeTheConnectionsToWhatTheHeapLeavesAndFitIt() {
        MemoryFormula m = MemoryFormula.of(settings(Map.of("max-indexed-listings", "62848")), 0, LAUNCHER_HEAP);
        // 245 - 48 at rest - 61.4 listings - 32 output - 24 input (8 MiB x 3) = 79.6 MiB, at 576 KiB a connection
        assertEquals(141, m.connections());
        assertTrue(m.total() <= LAUNCHER_HEAP, m.explain());
        assertEquals(Optional.empty(), m.warning());
    }

    @Test
    void aStoreOfAMillionEventsLeavesRoomForFewerConnections() {
        MemoryFormula m = MemoryFormula.of(settings(Map.of("max-indexed-listings", "62848")), 1_000_000, LAUNCHER_HEAP);
        assertEquals(73, m.connections());
        assertEquals(Optional.empty(), m.warning());
    }

    @Test
    void settingsThatCannotFitTheHeapAreNamedInAWarning() {
        MemoryFormula m = MemoryFormula.of(settings(Map.of("max-indexed-listings", "62848", "max-connections", "2000")), 0, LAUNCHER_HEAP);
        String w = m.warning().orElseThrow();
        assertTrue(w.startsWith("at its limits this node could need 1290 MiB of heap and has 245 MiB: 48 MiB at rest + 61 MiB listing index"
                + " + 0 MiB sync index (0 events) + 32 MiB output budget + 24 MiB input budget + 2000 connections × 576 KiB = 1290 MiB."), w);
        assertTrue(w.endsWith("MUTUAL_JAVA_OPTS=\"-Xmx1612m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError\""), w);
    }
}
