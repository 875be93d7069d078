package mutual.protocol.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.EventId;

/**
 * The rules of docs/protocol.md "Communities" as a state that takes a community's history one item
 * at a time, in order, with indexes so that each item costs about as much as its own effect.
 * {@link CommunityLedger} feeds it; {@link #snapshot} reads it.
 */
final class TallyFold {
    private final Founding founding;
    private final Map<PubKey, Position> members = new HashMap<>();
    /** People who joined and have not left since, member or not. */
    private final Set<PubKey> joined = new HashSet<>();
    /** Standing vouches: subject → voucher → when, since the subject's last exit. */
    private final Map<PubKey, Map<PubKey, Position>> vouches = new HashMap<>();
    private final TreeMap<String, String> agreements = new TreeMap<>();
    private final List<Tally.Entry> record = new ArrayList<>();
    private final Map<EventId, Open> proposals = new HashMap<>();
    private final TreeSet<String> links = new TreeSet<>();
    private final List<Tally.Ignored> ignored = new ArrayList<>();

    /** A proposal as the fold tracks it. */
    private static final class Open {
        final Proposal proposal;
        final Set<PubKey> electorate;
        final Set<String> agreementsThen;
        final Map<PubKey, Response> standing = new HashMap<>();
        ProposalTally.Status status = ProposalTally.Status.OPEN;
        Optional<String> reason = Optional.empty();

        Open(Proposal proposal, Set<PubKey> electorate, Set<String> agreementsThen) {
            this.proposal = proposal;
            this.electorate = electorate;
            this.agreementsThen = agreementsThen;
        }
    }

    /** A copy that goes on independently: the ledger's checkpoint ({@link CommunityLedger}). */
    TallyFold copy() {
        TallyFold c = new TallyFold(founding, true);
        c.members.putAll(members);
        c.joined.addAll(joined);
        vouches.forEach((k, v) -> c.vouches.put(k, new LinkedHashMap<>(v)));
        c.agreements.putAll(agreements);
        c.record.addAll(record);
        proposals.forEach((k, o) -> {
            Open n = new Open(o.proposal, new HashSet<>(o.electorate), o.agreementsThen);
            n.standing.putAll(o.standing);
            n.status = o.status;
            n.reason = o.reason;
            c.proposals.put(k, n);
        });
        c.links.addAll(links);
        c.ignored.addAll(ignored);
        return c;
    }

    /** An empty fold, for {@link #copy}. */
    private TallyFold(Founding founding, boolean empty) {
        this.founding = founding;
    }

    TallyFold(Founding founding) {
        this.founding = founding;
        agreements.putAll(founding.agreements());
        Position at = Position.of(founding);
        members.put(founding.author(), at);
        record.add(new Tally.Entry(at, Tally.Entry.What.FOUNDED, founding.author().hex(), Optional.empty()));
    }

    /** Applies the next item of the history: an event, or a proposal's close when {@code close} is set. */
    void apply(Position at, CommunityEvent e, boolean close) {
        switch (e) {
            case Founding f -> { } // the founding is applied by the constructor; another founding is another community
            case MemberAct m -> act(at, m);
            case Proposal p -> {
                if (close) close(at, p); else propose(at, p);
            }
            case Response r -> respond(at, r);
        }
    }

    private void act(Position at, MemberAct m) {
        PubKey author = m.author();
        switch (m.act()) {
            case JOIN -> {
                if (members.containsKey(author)) { ignore(at, "join by a member"); return; }
                if (!joined.add(author)) { ignore(at, "join by someone who has already joined"); return; }
                entry(at, Tally.Entry.What.JOINED, author, null);
                admitIfVouched(at, author);
            }
            case VOUCH -> {
                PubKey subject = m.subject().orElseThrow();
                if (!members.containsKey(author)) { ignore(at, "vouch by a non-member"); return; }
                if (members.containsKey(subject)) { ignore(at, "vouch for a member"); return; }
                Map<PubKey, Position> mine = vouches.computeIfAbsent(subject, k -> new LinkedHashMap<>());
                if (mine.containsKey(author)) { ignore(at, "vouch already standing"); return; }
                mine.put(author, at);
                entry(at, Tally.Entry.What.VOUCHED, author, subject);
                admitIfVouched(at, subject);
            }
            case UNVOUCH -> {
                PubKey subject = m.subject().orElseThrow();
                if (!members.containsKey(author)) { ignore(at, "unvouch by a non-member"); return; }
                Map<PubKey, Position> mine = vouches.get(subject);
                if (mine == null || mine.remove(author) == null) { ignore(at, "unvouch with no standing vouch"); return; }
                entry(at, Tally.Entry.What.UNVOUCHED, author, subject);
            }
            case LEAVE -> {
                boolean wasMember = members.remove(author) != null;
                boolean hadJoined = joined.remove(author);
                if (!wasMember && !hadJoined) { ignore(at, "leave by someone who is not a member"); return; }
                vouches.remove(author);
                entry(at, Tally.Entry.What.LEFT, author, null);
            }
        }
    }

    private void admitIfVouched(Position at, PubKey person) {
        if (!joined.contains(person) || members.containsKey(person)) return;
        int threshold = Math.max(1, Math.min(founding.settings().vouches(), members.size()));
        int standing = 0;
        for (PubKey voucher : vouches.getOrDefault(person, Map.of()).keySet()) if (members.containsKey(voucher)) standing++;
        if (standing < threshold) return;
        members.put(person, at);
        entry(at, Tally.Entry.What.ADMITTED, person, null);
    }

    private void propose(Position at, Proposal p) {
        Open o = new Open(p, new HashSet<>(members.keySet()), Set.copyOf(agreements.keySet()));
        proposals.put(p.id(), o);
        String why = null;
        if (!members.containsKey(p.author())) why = "proposed by a non-member";
        else if (p.period() < founding.settings().minPeriod()) why = "open for less than the community's period of " + founding.settings().minPeriod() + " s";
        else if (p.change() instanceof Change.Remove r) {
            if (!members.containsKey(r.member())) why = "removal of someone who is not a member";
            else if (!agreements.containsKey(r.breach())) why = "breach names no agreement in force: " + r.breach();
        }
        if (p.change() instanceof Change.Remove r) o.electorate.remove(r.member());
        if (why != null) {
            o.status = ProposalTally.Status.IGNORED;
            o.reason = Optional.of(why);
            ignore(at, why);
        } else {
            // The proposal is its author's first response: a consent, named by the proposal's id.
            o.standing.put(p.author(), new Response(p.id(), p.author(), p.createdAt(), p.community(), p.id(),
                    Response.Answer.CONSENT, Optional.empty(), ""));
        }
    }

    private void respond(Position at, Response r) {
        Open o = proposals.get(r.proposal());
        if (o == null) { ignore(at, "response to no proposal held before it"); return; }
        if (o.status == ProposalTally.Status.IGNORED) { ignore(at, "response to an ignored proposal"); return; }
        if (o.status != ProposalTally.Status.OPEN) { ignore(at, "response after the close"); return; }
        if (!o.electorate.contains(r.author())) { ignore(at, "response by someone outside the electorate"); return; }
        if (r.answer() == Response.Answer.OBJECT) {
            String basis = r.basis().orElseThrow();
            if (!basis.equals(CommunityKinds.PURPOSE) && !o.agreementsThen.contains(basis)) {
                ignore(at, "objection names no agreement in force: " + basis);
                return;
            }
        }
        if (r.answer() == Response.Answer.WITHDRAW) o.standing.remove(r.author());
        else o.standing.put(r.author(), r);
    }

    private void close(Position at, Proposal p) {
        Open o = proposals.get(p.id());
        if (o == null || o.status != ProposalTally.Status.OPEN) return;
        int electorate = 0, responded = 0, objections = 0;
        for (PubKey k : o.electorate) {
            if (!members.containsKey(k)) continue;
            electorate++;
            Response r = o.standing.get(k);
            if (r == null) continue;
            responded++;
            if (r.answer() == Response.Answer.OBJECT) objections++;
        }
        int quorum = founding.settings().quorumPercent();
        if (electorate == 0) lapse(o, "nobody of the electorate is still a member");
        else if (objections > 0) { o.status = ProposalTally.Status.BLOCKED; o.reason = Optional.of(objections + " standing objection(s)"); }
        else if ((long) responded * 100 < (long) quorum * electorate) lapse(o, responded + " of " + electorate + " responded, quorum " + quorum + "%");
        else { o.status = ProposalTally.Status.PASSED; o.reason = Optional.of(responded + " of " + electorate + " responded, no objection"); effect(at, o.proposal); }
    }

    private void lapse(Open o, String why) {
        o.status = ProposalTally.Status.LAPSED;
        o.reason = Optional.of(why);
    }

    private void effect(Position at, Proposal p) {
        switch (p.change()) {
            case Change.Agreement a -> {
                if (a.text().isEmpty()) agreements.remove(a.key()); else agreements.put(a.key(), a.text());
            }
            case Change.Link l -> links.add(l.other().hex());
            case Change.Remove r -> {
                if (members.remove(r.member()) == null) return;
                joined.remove(r.member());
                vouches.remove(r.member());
                entry(at, Tally.Entry.What.REMOVED, r.member(), null);
            }
        }
    }

    private void entry(Position at, Tally.Entry.What what, PubKey who, PubKey whom) {
        record.add(new Tally.Entry(at, what, who.hex(), Optional.ofNullable(whom).map(PubKey::hex)));
    }

    private void ignore(Position at, String why) {
        ignored.add(new Tally.Ignored(at, why));
    }

    Tally snapshot(long now) {
        TreeMap<String, Position> m = new TreeMap<>();
        members.forEach((k, v) -> m.put(k.hex(), v));
        TreeMap<String, ProposalTally> ps = new TreeMap<>();
        for (Open o : proposals.values()) {
            ps.put(o.proposal.id().hex(), tallyOf(o));
        }
        return new Tally(founding, now, m, agreements, record, ps, links, ignored);
    }

    Optional<ProposalTally> proposal(EventId id) {
        return Optional.ofNullable(proposals.get(id)).map(TallyFold::tallyOf);
    }

    private static ProposalTally tallyOf(Open o) {
        TreeSet<String> electorate = new TreeSet<>();
        for (PubKey k : o.electorate) electorate.add(k.hex());
        TreeMap<String, Response> standing = new TreeMap<>();
        o.standing.forEach((k, v) -> standing.put(k.hex(), v));
        return new ProposalTally(o.proposal, o.status, electorate, standing, o.reason);
    }
}
