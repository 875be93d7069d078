package mutual.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CPU figures the relay benchmark prints beside each query measurement. */
class CpuTest {
    @Test
    void procAndTheJvmAgreeOnThisProcessAndBothGrowWithWork() {
        double proc0 = Cpu.secondsOf(ProcessHandle.current().pid()), jvm0 = Cpu.ofThisProcess();
        assertTrue(proc0 > 0 && jvm0 > 0, proc0 + " / " + jvm0);
        // Busy until this thread has used 0.3 s of CPU, however busy the machine is (at most 30 s).
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuEnd = threads.getCurrentThreadCpuTime() + 300_000_000L, wallEnd = System.nanoTime() + 30_000_000_000L;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd)
            for (int i = 0; i < 10_000; i++) x += Long.numberOfTrailingZeros(x * 31 + 7);
        double proc1 = Cpu.secondsOf(ProcessHandle.current().pid()), jvm1 = Cpu.ofThisProcess();
        assertTrue(proc1 - proc0 >= 0.2, "/proc saw " + (proc1 - proc0) + " s for 0.3 s of work (" + x + ")");
        assertTrue(jvm1 - jvm0 >= 0.2, "the JVM saw " + (jvm1 - jvm0) + " s");
        assertEquals(jvm1, proc1, 0.5, "the two sources describe the same process");
    }

    @Test
    void aProcessThatIsGoneReadsAsUnknown() {
        assertEquals(-1, Cpu.secondsOf(Long.MAX_VALUE));
    }
}
