package mutual.protocol.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/**
 * A rough measurement, not a benchmark (no JMH, one run): a community of 10,000 members and
 * 100,000 responses tallied from scratch, then one new response applied incrementally, with and
 * without the snapshot that {@link CommunityLedger#tallyAt} copies out. Run by hand.
 */
public final class TallyMeasure {
    private TallyMeasure() {}

    public static void main(String[] args) {
        long t = 1_000_000;
        int members = 10_000, proposals = 10;
        java.util.Random rnd = new java.util.Random(1);
        List<PubKey> people = new ArrayList<>();
        for (int i = 0; i < members; i++) people.add(PubKey.of(bytes(rnd)));
        Founding f = new Founding(EventId.of(bytes(rnd)), people.get(0), t, "c", "p", new java.util.LinkedHashMap<>(java.util.Map.of("a", "x")),
                Optional.empty(), List.of(), Settings.DEFAULTS, "");
        List<CommunityEvent> events = new ArrayList<>(List.of(f));
        for (int i = 1; i < members; i++) {
            long at = t + i;
            events.add(new MemberAct(EventId.of(bytes(rnd)), people.get(i), at, f.id(), MemberAct.Act.JOIN, Optional.empty(), ""));
            events.add(new MemberAct(EventId.of(bytes(rnd)), people.get(0), at, f.id(), MemberAct.Act.VOUCH, Optional.of(people.get(i)), ""));
            if (i > 1) events.add(new MemberAct(EventId.of(bytes(rnd)), people.get(1), at, f.id(), MemberAct.Act.VOUCH, Optional.of(people.get(i)), ""));
        }
        long open = t + members + 10;
        List<Proposal> ps = new ArrayList<>();
        for (int p = 0; p < proposals; p++) {
            Proposal pr = new Proposal(EventId.of(bytes(rnd)), people.get(p), open, f.id(), 86_400, new Change.Agreement("k" + p, "x"), "why");
            ps.add(pr);
            events.add(pr);
        }
        for (int r = 0; r < 100_000; r++)
            events.add(new Response(EventId.of(bytes(rnd)), people.get(r % members), open + 1 + r / 1000, f.id(), ps.get(r % proposals).id(),
                    Response.Answer.CONSENT, Optional.empty(), ""));
        long now = open + 3600;
        for (int round = 0; round < 3; round++) {
            long a = System.nanoTime();
            CommunityLedger ledger = new CommunityLedger(f.id());
            events.forEach(ledger::add);
            Tally tally = ledger.tallyAt(now).orElseThrow();
            long b = System.nanoTime();
            ledger.add(new Response(EventId.of(bytes(rnd)), people.get(5), open + 1, f.id(), ps.get(3).id(), Response.Answer.CONCERN, Optional.empty(), "hm")); // sorts before what was applied
            long c = System.nanoTime();
            ledger.advanceTo(now);
            long d = System.nanoTime();
            ledger.add(new Response(EventId.of(bytes(rnd)), people.get(6), now, f.id(), ps.get(3).id(), Response.Answer.CONSENT, Optional.empty(), ""));
            ledger.advanceTo(now);
            long e = System.nanoTime();
            ledger.tallyAt(now);
            long g = System.nanoTime();
            System.out.printf("%d events, %d members: from scratch %.0f ms; one new response, late (recompute) %.0f ms;"
                    + " one new response, in order: add and apply %.3f ms; copying out the whole tally %.0f ms%n",
                    events.size(), tally.members().size(), (b - a) / 1e6, (d - b) / 1e6, (e - d) / 1e6, (g - e) / 1e6);
        }
    }

    private static byte[] bytes(java.util.Random rnd) {
        byte[] x = new byte[32];
        rnd.nextBytes(x);
        return x;
    }
}
