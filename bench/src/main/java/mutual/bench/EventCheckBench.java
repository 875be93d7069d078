package mutual.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventCheck;
import mutual.protocol.json.Limits;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-event cost of admitting an event: decode the {@code ["EVENT",…]} frame, recompute the
 * id from the canonical serialization and verify the BIP-340 signature, beside the raw
 * libsecp256k1 verification of the same events in the same run. The goal is a full check of no
 * more than 1.25 × the raw verify.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventCheckBench {
    private static final int POOL = 4096;
    private final ClientWire wire = ClientWire.create(Limits.defaults());
    private Event[] events;
    private byte[][] frames;
    private int next;

    @Setup
    public void sign() {
        SplittableRandom r = new SplittableRandom(1);
        events = new Event[POOL];
        frames = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            SecretKey key = SecretKey.generate(r);
            events[i] = i % 2 == 0 ? note(r, key, i) : listing(r, key, i);
            frames[i] = ClientWire.encode(new ClientMessage.Publish(events[i])).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** libsecp256k1's Schnorr verification alone: the machine's limit. */
    @Benchmark
    public boolean rawVerify() {
        Event e = events[next++ & (POOL - 1)];
        return Schnorr.verify(e.id().raw(), e.sig(), e.pubkey());
    }

    /** Everything the node does before policies: decode with limits, id check, signature check. */
    @Benchmark
    public boolean decodeAndCheck() {
        ClientMessage m = wire.decode(frames[next++ & (POOL - 1)]);
        return m instanceof ClientMessage.Publish p && EventCheck.problem(p.event()).isEmpty();
    }

    private static Event note(SplittableRandom r, SecretKey key, int i) {
        return EventBuilder.create(1, 1_700_000_000L + i).tag("t", "food").content(text(r, 760)).sign(key);
    }

    /** A NIP-99 listing of about 935 bytes, as the relay benchmark uses. */
    private static Event listing(SplittableRandom r, SecretKey key, int i) {
        return EventBuilder.create(30402, 1_700_000_000L + i)
                .tag("d", "listing-" + i).tag("title", text(r, 40)).tag("summary", text(r, 80))
                .tag("published_at", Long.toString(1_700_000_000L + i)).tag("location", "Neighbourhood " + r.nextInt(500))
                .tag("price", "0", "EUR").tag("t", "food").tag("g", "u4pru").tag("status", "active")
                .content(text(r, 300)).sign(key);
    }

    private static String text(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) sb.append(r.nextInt(5) == 0 ? ' ' : (char) ('a' + r.nextInt(26)));
        return sb.toString();
    }
}
