package mutual.bench;

import java.util.Arrays;
import java.util.Locale;
import mutual.protocol.crypto.Schnorr;

/**
 * The time of a full event check divided by the time of a raw signature verify, measured as
 * paired batches: a batch of raw verifies, then a batch of full checks of each kind, over and
 * over, with the median of the per-pair ratios reported. On a machine shared with other work the
 * CPU available drifts by tens of percent between benchmarks run minutes apart; within a pair
 * (a few tens of milliseconds) it barely moves, so the ratio holds where absolute numbers do not.
 * It uses the same pools as {@link EventCheckBench}; run JMH for absolute throughput.
 * Usage: {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar mutual.bench.CheckRatio [pairs]} (default 300).
 */
public final class CheckRatio {
    private static final int BATCH = 256;
    private static final String[] KINDS = {"30402", "1"};
    private static long sink; // results feed this so the JIT cannot drop the work

    private CheckRatio() {}

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        EventCheckBench.Signed signed = new EventCheckBench.Signed();
        signed.sign();
        EventCheckBench.Messages[] messages = new EventCheckBench.Messages[KINDS.length];
        for (int k = 0; k < KINDS.length; k++) {
            messages[k] = new EventCheckBench.Messages();
            messages[k].kind = Integer.parseInt(KINDS[k]);
            messages[k].sign();
        }
        long warmupEnd = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            raw(signed);
            for (EventCheckBench.Messages m : messages) full(m);
        }
        double[] rawNanos = new double[pairs];
        double[][] fullNanos = new double[KINDS.length][pairs];
        double[][] ratios = new double[KINDS.length][pairs];
        for (int p = 0; p < pairs; p++) {
            rawNanos[p] = raw(signed);
            for (int k = 0; k < KINDS.length; k++) {
                fullNanos[k][p] = full(messages[k]);
                ratios[k][p] = fullNanos[k][p] / rawNanos[p];
            }
        }
        System.out.printf(Locale.ROOT, "raw libsecp256k1 verify: median %.1f µs/op%n", median(rawNanos) / 1000);
        for (int k = 0; k < KINDS.length; k++)
            System.out.printf(Locale.ROOT, "full check, kind %-5s: median %.1f µs/op, ratio to raw verify: median %.3f (quartiles %.3f–%.3f; goal <= 1.25)%n",
                    KINDS[k], median(fullNanos[k]) / 1000, median(ratios[k]), quantile(ratios[k], 0.25), quantile(ratios[k], 0.75));
        System.out.println("(" + pairs + " pairs of " + BATCH + "-event batches; checksum " + sink + ")");
    }

    /** Nanoseconds per raw verify over one batch. */
    private static double raw(EventCheckBench.Signed s) {
        long start = System.nanoTime();
        int ok = 0;
        for (int n = 0; n < BATCH; n++) {
            int i = s.next++ & (EventCheckBench.POOL - 1);
            if (Schnorr.verify(s.ids[i], s.sigs[i], s.keys[i])) ok++;
        }
        long elapsed = System.nanoTime() - start;
        sink += ok;
        return (double) elapsed / BATCH;
    }

    /** Nanoseconds per full check (decode, id, signature) over one batch. */
    private static double full(EventCheckBench.Messages m) {
        long start = System.nanoTime();
        int ok = 0;
        for (int n = 0; n < BATCH; n++)
            if (EventCheckBench.check(m.wire, m.messages[m.next++ & (EventCheckBench.POOL - 1)]).isEmpty()) ok++;
        long elapsed = System.nanoTime() - start;
        sink += ok;
        return (double) elapsed / BATCH;
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
