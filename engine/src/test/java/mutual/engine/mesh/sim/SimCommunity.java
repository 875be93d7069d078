package mutual.engine.mesh.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import mutual.protocol.community.Change;
import mutual.protocol.community.CommunityEvents;
import mutual.protocol.community.CommunityLedger;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.MemberAct;
import mutual.protocol.community.Response;
import mutual.protocol.community.Settings;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;

/**
 * A community in the simulation (docs/protocol.md, "Communities"): its members join, vouch, propose,
 * respond and object, each act sent to a random honest node at a random moment of the chaos, so
 * that partitioned nodes take them in different orders and some only after the heal. Afterwards
 * every backbone node must give the same tally, byte for byte, from what it holds, fed to a
 * ledger in its own order with a tally asked after every event (so late events recompute). Drawn
 * from a random source of its own, so the rest of each seed's run is what it was without it.
 */
final class SimCommunity {
    private final Scenario s;
    private final SplittableRandom r;
    private EventId id;
    final List<Event> events = new ArrayList<>();
    int agreeing;

    private SimCommunity(Scenario s) {
        this.s = s;
        this.r = new SplittableRandom(s.world.seed ^ 0xC0A11D17L);
    }

    static SimCommunity schedule(Scenario s) {
        SimCommunity c = new SimCommunity(s);
        c.make();
        for (Event e : c.events) {
            SimNode n = s.honest.get(c.r.nextInt(s.honest.size()));
            long at = (long) (c.r.nextDouble() * (s.chaosMillis - 1));
            s.world.time.after(at, () -> {
                if (n.isUp()) s.submitLocally(n, e);
            });
        }
        return c;
    }

    /** Five people, hours before the run: a founding, four joins with vouches, one proposal, responses and a leave. */
    private void make() {
        List<SecretKey> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) people.add(SimEvents.key(r));
        long base = s.world.time.epochSecond() - 5 * 3600;
        Event founding = resign(CommunityEvents.founding("sim " + s.world.seed, "a community in the simulation").agreement("respect", "be kind")
                .settings(new Settings(2, 50, 3600)).sign(people.get(0), base), people.get(0));
        id = founding.id();
        events.add(founding);
        for (int i = 1; i < people.size(); i++) {
            long t = base + 10L * i;
            events.add(act(people.get(i), t, MemberAct.Act.JOIN, null));
            events.add(act(people.get(0), t + 1, MemberAct.Act.VOUCH, people.get(i)));
            if (i >= 2) events.add(act(people.get(1 + r.nextInt(i - 1)), t + 2, MemberAct.Act.VOUCH, people.get(i)));
        }
        SecretKey proposer = people.get(r.nextInt(people.size()));
        Event proposal = resign(CommunityEvents.propose(proposer, base + 100, id, 3600, new Change.Agreement("pickup", "Saturdays"), "when"), proposer);
        events.add(proposal);
        for (int j = 0; j < 6; j++) {
            SecretKey who = people.get(r.nextInt(people.size()));
            Response.Answer a = Response.Answer.values()[r.nextInt(Response.Answer.values().length)];
            Optional<String> basis = a == Response.Answer.OBJECT ? Optional.of(r.nextBoolean() ? "purpose" : "respect") : Optional.empty();
            long at = base + 200 + 10L * j + (r.nextInt(4) == 0 ? 3600 : 0); // now and then after the close
            events.add(resign(CommunityEvents.respond(who, at, id, proposal.id(), a, basis, a == Response.Answer.CONSENT || a == Response.Answer.WITHDRAW ? "" : "why"), who));
        }
        if (r.nextBoolean()) events.add(act(people.get(4), base + 250, MemberAct.Act.LEAVE, null));
    }

    private Event act(SecretKey who, long at, MemberAct.Act a, SecretKey whom) {
        return resign(CommunityEvents.act(who, at, id, a, Optional.ofNullable(whom).map(SecretKey::publicKey), ""), who);
    }

    /** The same event with a signature made from the run's random source, so a seed gives the same bytes. */
    private Event resign(Event e, SecretKey key) {
        return SimEvents.signed(key, e.kind(), e.createdAt(), e.tags(), e.content(), r);
    }

    /** Every backbone node gives the tally the first one gives, byte for byte. */
    void check(List<String> problems) {
        long now = s.world.time.epochSecond();
        String first = null, firstName = null;
        for (SimNode n : s.backbone()) {
            CommunityLedger ledger = new CommunityLedger(id);
            for (Event e : n.stored().values()) {
                if (!CommunityParser.isCommunityKind(e.kind())) continue;
                ledger.add(CommunityParser.parse(e));
                ledger.advanceTo(now); // incremental, and from the founding when the event is late
            }
            String tally = ledger.tallyAt(now).map(t -> t.render()).orElse("no founding held");
            if (first == null) {
                first = tally;
                firstName = n.name();
                agreeing = 1;
            } else if (first.equals(tally)) agreeing++;
            else problems.add("community tallies differ: " + n.name() + " and " + firstName + " hold "
                    + n.stored().values().stream().filter(e -> CommunityParser.isCommunityKind(e.kind())).count() + " community events;\n"
                    + tally + "\nagainst\n" + first);
        }
    }
}
