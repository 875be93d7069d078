package mutual.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeapWarningTest {
    static final long MIB = 1 << 20;

    @Test
    void aMillionEventsFitTheLaunchersHeapAndThreeMillionDoNot() {
        long heap = 245 * MIB; // what -Xmx256m gives as the maximum with the parallel collector
        assertEquals(Optional.empty(), RunningNode.heapWarning(1_000_000, heap));
        String w = RunningNode.heapWarning(3_000_000, heap).orElseThrow();
        assertTrue(w.startsWith("this node holds 3,000,000 events; its sync index (built on the first sync) may need up to 228 MB of heap,"), w);
        assertTrue(w.endsWith("MUTUAL_JAVA_OPTS=\"-Xmx686m -XX:+UseParallelGC\" ./mutual serve"), w);
    }
}
