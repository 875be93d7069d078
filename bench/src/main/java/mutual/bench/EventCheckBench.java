package mutual.bench;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.crypto.Sha256;
import mutual.protocol.crypto.Signature;
import mutual.protocol.event.Canonical;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventCheck;
import mutual.protocol.json.Limits;
import mutual.protocol.wire.ClientMessage;
import mutual.protocol.wire.ClientWire;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to accept one event, against the machine's own limit: {@link #rawSchnorrVerify}
 * is libsecp256k1 alone; {@link #fullCheck} decodes an {@code ["EVENT",…]} message, recomputes the
 * id and verifies the signature, as the relay does for every event it receives (docs/node.md, "Measuring it").
 * The goal is fullCheck's time per event at most 1.25× rawSchnorrVerify's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class EventCheckBench {
    /** Events per pool, a power of two; every call takes the next one, so nothing repeats soon. */
    static final int POOL = 1024;
    static final int MESSAGE_BYTES = 935;

    /** Pre-signed ids with their signatures and keys, for the raw verify. */
    @State(Scope.Thread)
    public static class Signed {
        byte[][] ids = new byte[POOL][];
        Signature[] sigs = new Signature[POOL];
        PubKey[] keys = new PubKey[POOL];
        int next;

        @Setup(Level.Trial)
        public void sign() {
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < POOL; i++) {
                Event e = BenchEvents.signed(r, 30402, MESSAGE_BYTES);
                ids[i] = e.id().bytes();
                sigs[i] = e.sig();
                keys[i] = e.pubkey();
            }
        }
    }

    /** EVENT messages as a WebSocket text frame delivers them, one pool per kind. */
    @State(Scope.Thread)
    public static class Messages {
        @Param({"30402", "1"})
        public int kind;
        String[] messages = new String[POOL];
        ClientWire wire = ClientWire.create(Limits.defaults());
        int next;

        @Setup(Level.Trial)
        public void sign() {
            SplittableRandom r = new SplittableRandom(kind);
            for (int i = 0; i < POOL; i++) {
                messages[i] = ClientWire.encode(new ClientMessage.Publish(BenchEvents.signed(r, kind, MESSAGE_BYTES)));
                if (messages[i].length() != MESSAGE_BYTES) throw new IllegalStateException("message " + i + " is " + messages[i].length() + " bytes");
                if (check(wire, messages[i]).isPresent()) throw new IllegalStateException("event " + i + " does not verify");
            }
        }
    }

    @Benchmark
    public boolean rawSchnorrVerify(Signed s) {
        int i = s.next++ & (POOL - 1);
        return Schnorr.verify(s.ids[i], s.sigs[i], s.keys[i]);
    }

    @Benchmark
    public Optional<String> fullCheck(Messages m) {
        return check(m.wire, m.messages[m.next++ & (POOL - 1)]);
    }

    /** Everything fullCheck does except the signature: decode, serialize, hash, compare ids. Shows where the overhead is. */
    @Benchmark
    public boolean decodeAndId(Messages m) {
        if (!(m.wire.decode(m.messages[m.next++ & (POOL - 1)]) instanceof ClientMessage.Publish p)) throw new IllegalStateException("not an EVENT message");
        Event e = p.event();
        return java.util.Arrays.equals(Sha256.hash(Canonical.serialize(e)), e.id().raw());
    }

    static Optional<String> check(ClientWire wire, String message) {
        if (!(wire.decode(message) instanceof ClientMessage.Publish p)) throw new IllegalStateException("not an EVENT message");
        return EventCheck.problem(p.event());
    }
}
