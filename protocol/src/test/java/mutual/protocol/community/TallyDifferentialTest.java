package mutual.protocol.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;

/**
 * The incremental ledger against {@link NaiveTally} on thousands of random community histories,
 * delivered in shuffled order with the clock moving forward and sometimes back, so that many
 * events arrive late; and the tally of a set against the same set in another order. Equal, always,
 * byte for byte. Histories are records built directly (the parser has its own tests), crowded
 * onto a few dozen whole hours so that ties in time, rank and closing second are common.
 */
class TallyDifferentialTest {
    private static final int HISTORIES = 3000;
    private static final long T = 1_000_000;
    /** The step of time in these histories: an hour, the shortest period a community can set. */
    private static final long U = 3600;

    @Test
    void theIncrementalTallyEqualsTheNaiveOneWhateverTheDeliveryOrder() {
        long checks = 0;
        int passed = 0, blocked = 0, admitted = 0, ignored = 0;
        for (int seed = 0; seed < HISTORIES; seed++) {
            Random rnd = new Random(seed);
            History h = History.random(rnd);
            List<CommunityEvent> order = new ArrayList<>(h.events);
            Collections.shuffle(order, rnd);
            // Half the histories with a checkpoint every few items, so that late events go back to one.
            CommunityLedger ledger = seed % 2 == 0 ? new CommunityLedger(h.community) : new CommunityLedger(h.community, 1 + rnd.nextInt(4), 1 + rnd.nextInt(3));
            List<CommunityEvent> delivered = new ArrayList<>();
            long now = T;
            for (CommunityEvent e : order) {
                ledger.add(e);
                if (rnd.nextInt(4) == 0) ledger.add(e); // a duplicate changes nothing
                delivered.add(e);
                if (rnd.nextInt(3) == 0) continue;
                now = rnd.nextInt(8) == 0 ? T + (rnd.nextInt(60) - 5) * U : now + rnd.nextInt(6) * U;
                assertEqualTallies(seed, NaiveTally.compute(h.community, delivered, now), ledger.tallyAt(now));
                checks++;
            }
            long end = T + 100 * U;
            Optional<Tally> last = ledger.tallyAt(end);
            assertEqualTallies(seed, NaiveTally.compute(h.community, h.events, end), last);
            List<CommunityEvent> other = new ArrayList<>(h.events);
            Collections.shuffle(other, rnd);
            assertEqualTallies(seed, last, CommunityLedger.compute(h.community, other, end));
            checks += 2;
            Tally t = last.orElseThrow();
            for (ProposalTally p : t.proposals().values()) {
                if (p.status() == ProposalTally.Status.PASSED) passed++;
                if (p.status() == ProposalTally.Status.BLOCKED) blocked++;
            }
            admitted += (int) t.record().stream().filter(e -> e.what() == Tally.Entry.What.ADMITTED).count();
            ignored += t.ignored().size();
        }
        // The histories must exercise the rules, not only ignore events.
        assertTrue(passed > HISTORIES / 4 && blocked > HISTORIES / 30 && admitted > HISTORIES / 2 && ignored > HISTORIES,
                "passed " + passed + ", blocked " + blocked + ", admitted " + admitted + ", ignored " + ignored + " in " + checks + " checks");
    }

    @Test
    void withoutItsFoundingACommunityHasNoTally() {
        History h = History.random(new Random(7));
        List<CommunityEvent> rest = h.events.stream().filter(e -> !(e instanceof Founding)).toList();
        assertEquals(Optional.empty(), CommunityLedger.compute(h.community, rest, T + 100 * U));
        CommunityLedger ledger = new CommunityLedger(h.community);
        rest.forEach(ledger::add);
        assertEquals(Optional.empty(), ledger.tallyAt(T + 100 * U));
        ledger.add(h.events.get(0)); // the founding arrives last, late
        assertEqualTallies(7, NaiveTally.compute(h.community, h.events, T + 100 * U), ledger.tallyAt(T + 100 * U));
    }

    private static void assertEqualTallies(int seed, Optional<Tally> expected, Optional<Tally> actual) {
        assertEquals(expected.map(Tally::render), actual.map(Tally::render), "seed " + seed);
    }

    /** A random community: a handful of people, acts, proposals and responses within about 40 hours. */
    record History(EventId community, List<CommunityEvent> events) {
        static History random(Random rnd) {
            List<PubKey> people = new ArrayList<>();
            int n = 3 + rnd.nextInt(5);
            for (int i = 0; i < n; i++) people.add(PubKey.of(bytes(rnd)));
            Settings settings = new Settings(1 + rnd.nextInt(3), 1 + rnd.nextInt(100), (1 + rnd.nextInt(3)) * U);
            java.util.LinkedHashMap<String, String> agreements = new java.util.LinkedHashMap<>();
            agreements.put("a", "first");
            if (rnd.nextBoolean()) agreements.put("b", "second");
            Founding f = new Founding(id(rnd), people.get(0), T, "c", "purpose", agreements, Optional.empty(), List.of(), settings, "");
            List<CommunityEvent> events = new ArrayList<>(List.of(f));
            List<Proposal> proposals = new ArrayList<>();
            int count = 10 + rnd.nextInt(40);
            for (int i = 0; i < count; i++) {
                PubKey who = pick(rnd, people);
                long at = T + (rnd.nextInt(40) - (rnd.nextInt(30) == 0 ? 3 : 0)) * U;
                int kind = rnd.nextInt(10);
                if (kind < 2) {
                    events.add(new MemberAct(id(rnd), who, at, f.id(), MemberAct.Act.JOIN, Optional.empty(), ""));
                } else if (kind < 5) {
                    PubKey whom = pick(rnd, people);
                    if (whom.equals(who)) continue;
                    MemberAct.Act act = rnd.nextInt(5) == 0 ? MemberAct.Act.UNVOUCH : MemberAct.Act.VOUCH;
                    events.add(new MemberAct(id(rnd), who, at, f.id(), act, Optional.of(whom), ""));
                } else if (kind < 6) {
                    if (rnd.nextInt(3) == 0) events.add(new MemberAct(id(rnd), who, at, f.id(), MemberAct.Act.LEAVE, Optional.empty(), ""));
                } else if (kind < 7) {
                    Change c = switch (rnd.nextInt(4)) {
                        case 0, 1 -> new Change.Agreement(pick(rnd, List.of("a", "b", "c")), rnd.nextInt(4) == 0 ? "" : "text " + rnd.nextInt(9));
                        case 2 -> new Change.Link(id(rnd));
                        default -> new Change.Remove(pick(rnd, people), pick(rnd, List.of("a", "b", "c")));
                    };
                    Proposal p = new Proposal(id(rnd), who, at, f.id(), (1 + rnd.nextInt(15)) * U, c, "why");
                    proposals.add(p);
                    events.add(p);
                } else {
                    EventId target = id(rnd);
                    if (!proposals.isEmpty() && rnd.nextInt(20) != 0) {
                        Proposal p = pick(rnd, proposals); // mostly while it is open, sometimes just before or after
                        target = p.id();
                        at = p.createdAt() + (rnd.nextInt((int) (p.period() / U) + 3) - 1) * U;
                    }
                    Response.Answer a = Response.Answer.values()[rnd.nextInt(3) == 0 ? 2 : rnd.nextInt(4)];
                    Optional<String> basis = a == Response.Answer.OBJECT ? Optional.of(pick(rnd, List.of("a", "b", "purpose", "c"))) : Optional.empty();
                    events.add(new Response(id(rnd), who, at, f.id(), target, a, basis, "r"));
                }
            }
            return new History(f.id(), events);
        }

        private static <X> X pick(Random rnd, List<X> xs) {
            return xs.get(rnd.nextInt(xs.size()));
        }

        private static byte[] bytes(Random rnd) {
            byte[] b = new byte[32];
            rnd.nextBytes(b);
            return b;
        }

        private static EventId id(Random rnd) {
            return EventId.of(bytes(rnd));
        }
    }
}
