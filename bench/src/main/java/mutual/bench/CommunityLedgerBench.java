package mutual.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mutual.protocol.community.Change;
import mutual.protocol.community.CommunityEvent;
import mutual.protocol.community.CommunityLedger;
import mutual.protocol.community.Founding;
import mutual.protocol.community.MemberAct;
import mutual.protocol.community.Proposal;
import mutual.protocol.community.Response;
import mutual.protocol.community.Settings;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A community's tally at the size issue 19 names (docs/protocol.md, "The order of events"): 10,000
 * members vouched in, 10 proposals and 100,000 responses. {@link #fromScratch} tallies the whole
 * history; {@link #oneNewResponse} adds one response dated after everything applied and applies it
 * (the usual case; goal under 1 ms); {@link #oneLateResponse} adds one dated before the end, which
 * makes the ledger apply everything again from the founding when no checkpoint is before it, and
 * {@link #oneLateInTheLastSecond} one that sorts before the newest applied within its second, which
 * goes back to the newest checkpoint. {@link #copyOutTally} is what the API
 * pays to serve the whole tally; {@link #oneProposalOut} what a response's check pays for its proposal. Events are records, not signed: the tally never checks signatures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class CommunityLedgerBench {
    static final int MEMBERS = 10_000, PROPOSALS = 10, RESPONSES = 100_000;
    static final long T = 1_000_000, OPEN = T + MEMBERS + 10, NOW = OPEN + 3600;

    /** The history, built once; the people; the proposals. */
    @State(Scope.Benchmark)
    public static class History {
        final List<CommunityEvent> events = new ArrayList<>();
        final List<PubKey> people = new ArrayList<>();
        final List<Proposal> proposals = new ArrayList<>();
        Founding founding;
        final SplittableRandom random = new SplittableRandom(1);

        @Setup(Level.Trial)
        public void build() {
            for (int i = 0; i < MEMBERS; i++) people.add(PubKey.of(bytes(random)));
            founding = new Founding(EventId.of(bytes(random)), people.get(0), T, "c", "p", new LinkedHashMap<>(Map.of("a", "x")), Optional.empty(),
                    List.of(), Settings.DEFAULTS, "");
            events.add(founding);
            for (int i = 1; i < MEMBERS; i++) {
                events.add(act(people.get(i), T + i, MemberAct.Act.JOIN, Optional.empty()));
                events.add(act(people.get(0), T + i, MemberAct.Act.VOUCH, Optional.of(people.get(i))));
                if (i > 1) events.add(act(people.get(1), T + i, MemberAct.Act.VOUCH, Optional.of(people.get(i))));
            }
            for (int p = 0; p < PROPOSALS; p++) {
                Proposal pr = new Proposal(EventId.of(bytes(random)), people.get(p), OPEN, founding.id(), 86_400, new Change.Agreement("k" + p, "x"), "why");
                proposals.add(pr);
                events.add(pr);
            }
            for (int r = 0; r < RESPONSES; r++) events.add(response(r % MEMBERS, OPEN + 1 + r / 1000, r % PROPOSALS, Response.Answer.CONSENT));
        }

        MemberAct act(PubKey who, long at, MemberAct.Act a, Optional<PubKey> whom) {
            return new MemberAct(EventId.of(bytes(random)), who, at, founding.id(), a, whom, "");
        }

        Response response(int who, long at, int proposal, Response.Answer a) {
            return new Response(EventId.of(bytes(random)), people.get(who), at, founding.id(), proposals.get(proposal).id(), a, Optional.empty(), "");
        }

        CommunityLedger ledger() {
            CommunityLedger l = new CommunityLedger(founding.id());
            events.forEach(l::add);
            l.advanceTo(NOW);
            return l;
        }
    }

    /** A ledger brought up to {@link #NOW}, rebuilt for every iteration (each call adds to it). */
    @State(Scope.Thread)
    public static class Live {
        CommunityLedger ledger;
        int next;

        @Setup(Level.Iteration)
        public void build(History h) {
            ledger = h.ledger();
        }
    }

    @Benchmark
    public Object fromScratch(History h) {
        return CommunityLedger.compute(h.founding.id(), h.events, NOW).orElseThrow();
    }

    @Benchmark
    public Object oneNewResponse(History h, Live live) {
        int i = live.next++;
        long at = NOW + 1 + i; // each a second after the last: one in the same second with a lower id would sort before it, and be late
        live.ledger.add(h.response(i % MEMBERS, at, i % PROPOSALS, i % 2 == 0 ? Response.Answer.CONCERN : Response.Answer.CONSENT));
        return live.ledger.advanceTo(at);
    }

    @Benchmark
    public Object oneLateResponse(History h, Live live) {
        int i = live.next++;
        live.ledger.add(h.response(i % MEMBERS, OPEN + 1, i % PROPOSALS, Response.Answer.CONCERN)); // sorts before what was applied
        return live.ledger.advanceTo(NOW);
    }

    /** A response in the second of the newest one applied: half sort before it by id, and go back to the newest checkpoint. */
    @Benchmark
    public Object oneLateInTheLastSecond(History h, Live live) {
        int i = live.next++;
        live.ledger.add(h.response(i % MEMBERS, OPEN + (RESPONSES - 1) / 1000 + 1, i % PROPOSALS, Response.Answer.CONCERN));
        return live.ledger.advanceTo(NOW);
    }

    @Benchmark
    public Object oneProposalOut(History h, Live live) {
        return live.ledger.proposalAt(NOW, h.proposals.get(live.next++ % PROPOSALS).id()).orElseThrow();
    }

    @Benchmark
    public Object copyOutTally(Live live) {
        return live.ledger.tallyAt(NOW).orElseThrow();
    }

    static byte[] bytes(SplittableRandom r) {
        byte[] x = new byte[32];
        r.nextBytes(x);
        return x;
    }
}
