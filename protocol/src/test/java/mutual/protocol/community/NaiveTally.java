package mutual.protocol.community;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import mutual.protocol.event.EventId;

/**
 * The tally of docs/protocol.md "Communities", written to be checked by eye rather than to be
 * fast: sort the whole history, walk it once, and answer every question ("is X a member?", "which
 * vouches for X stand?") by reading the record written so far from the start. No indexes.
 */
final class NaiveTally {
    private NaiveTally() {}

    private record Item(Position at, CommunityEvent event, boolean close) {}

    private static final class P {
        Proposal proposal;
        Set<String> electorate = new TreeSet<>();
        Set<String> agreementsThen = new HashSet<>();
        List<Response> responses = new ArrayList<>();
        ProposalTally.Status status = ProposalTally.Status.OPEN;
        Optional<String> reason = Optional.empty();
    }

    static Optional<Tally> compute(EventId community, Collection<? extends CommunityEvent> events, long now) {
        Map<EventId, CommunityEvent> byId = new LinkedHashMap<>();
        for (CommunityEvent e : events) byId.putIfAbsent(e.id(), e);
        Founding founding = null;
        for (CommunityEvent e : byId.values()) if (e instanceof Founding f && f.id().equals(community)) founding = f;
        if (founding == null) return Optional.empty();

        List<Item> history = new ArrayList<>();
        for (CommunityEvent e : byId.values()) {
            if (e instanceof Founding) continue;
            history.add(new Item(Position.of(e), e, false));
            if (e instanceof Proposal p) history.add(new Item(Position.closeOf(p), p, true));
        }
        Position start = Position.of(founding);
        history.removeIf(i -> i.at().compareTo(start) <= 0 || i.at().time() > now);
        history.sort(Comparator.comparing(Item::at));

        List<Tally.Entry> record = new ArrayList<>();
        List<Tally.Ignored> ignored = new ArrayList<>();
        Map<String, String> agreements = new TreeMap<>(founding.agreements());
        Set<String> links = new TreeSet<>();
        List<P> proposals = new ArrayList<>();
        record.add(new Tally.Entry(start, Tally.Entry.What.FOUNDED, founding.author().hex(), Optional.empty()));

        for (Item item : history) {
            Position at = item.at();
            switch (item.event()) {
                case Founding f -> { }
                case MemberAct m -> {
                    String me = m.author().hex();
                    String them = m.subject().map(k -> k.hex()).orElse(null);
                    switch (m.act()) {
                        case JOIN -> {
                            if (isMember(record, me)) ignored.add(new Tally.Ignored(at, "join by a member"));
                            else if (hasJoined(record, me)) ignored.add(new Tally.Ignored(at, "join by someone who has already joined"));
                            else {
                                record.add(new Tally.Entry(at, Tally.Entry.What.JOINED, me, Optional.empty()));
                                admitIfVouched(record, founding, at, me);
                            }
                        }
                        case VOUCH -> {
                            if (!isMember(record, me)) ignored.add(new Tally.Ignored(at, "vouch by a non-member"));
                            else if (isMember(record, them)) ignored.add(new Tally.Ignored(at, "vouch for a member"));
                            else if (standingVouchers(record, them).contains(me)) ignored.add(new Tally.Ignored(at, "vouch already standing"));
                            else {
                                record.add(new Tally.Entry(at, Tally.Entry.What.VOUCHED, me, Optional.of(them)));
                                admitIfVouched(record, founding, at, them);
                            }
                        }
                        case UNVOUCH -> {
                            if (!isMember(record, me)) ignored.add(new Tally.Ignored(at, "unvouch by a non-member"));
                            else if (!standingVouchers(record, them).contains(me)) ignored.add(new Tally.Ignored(at, "unvouch with no standing vouch"));
                            else record.add(new Tally.Entry(at, Tally.Entry.What.UNVOUCHED, me, Optional.of(them)));
                        }
                        case LEAVE -> {
                            if (!isMember(record, me) && !hasJoined(record, me)) ignored.add(new Tally.Ignored(at, "leave by someone who is not a member"));
                            else record.add(new Tally.Entry(at, Tally.Entry.What.LEFT, me, Optional.empty()));
                        }
                    }
                }
                case Proposal p when !item.close() -> {
                    P np = new P();
                    np.proposal = p;
                    np.electorate.addAll(members(record));
                    np.agreementsThen.addAll(agreements.keySet());
                    proposals.add(np);
                    String why = null;
                    if (!isMember(record, p.author().hex())) why = "proposed by a non-member";
                    else if (p.period() < founding.settings().minPeriod())
                        why = "open for less than the community's period of " + founding.settings().minPeriod() + " s";
                    else if (p.change() instanceof Change.Remove r) {
                        if (!isMember(record, r.member().hex())) why = "removal of someone who is not a member";
                        else if (!agreements.containsKey(r.breach())) why = "breach names no agreement in force: " + r.breach();
                    }
                    if (p.change() instanceof Change.Remove r) np.electorate.remove(r.member().hex());
                    if (why != null) {
                        np.status = ProposalTally.Status.IGNORED;
                        np.reason = Optional.of(why);
                        ignored.add(new Tally.Ignored(at, why));
                    } else {
                        np.responses.add(new Response(p.id(), p.author(), p.createdAt(), p.community(), p.id(),
                                Response.Answer.CONSENT, Optional.empty(), ""));
                    }
                }
                case Proposal p -> {
                    P np = find(proposals, p.id());
                    if (np == null || np.status != ProposalTally.Status.OPEN) continue; // made before the founding, or ignored
                    List<String> stillMembers = np.electorate.stream().filter(k -> isMember(record, k)).toList();
                    int responded = 0, objections = 0;
                    for (String k : stillMembers) {
                        Optional<Response> r = standing(np, k);
                        if (r.isPresent()) responded++;
                        if (r.isPresent() && r.get().answer() == Response.Answer.OBJECT) objections++;
                    }
                    int n = stillMembers.size(), q = founding.settings().quorumPercent();
                    if (n == 0) {
                        np.status = ProposalTally.Status.LAPSED;
                        np.reason = Optional.of("nobody of the electorate is still a member");
                    } else if (objections > 0) {
                        np.status = ProposalTally.Status.BLOCKED;
                        np.reason = Optional.of(objections + " standing objection(s)");
                    } else if (responded * 100L < (long) q * n) {
                        np.status = ProposalTally.Status.LAPSED;
                        np.reason = Optional.of(responded + " of " + n + " responded, quorum " + q + "%");
                    } else {
                        np.status = ProposalTally.Status.PASSED;
                        np.reason = Optional.of(responded + " of " + n + " responded, no objection");
                        switch (p.change()) {
                            case Change.Agreement a -> {
                                if (a.text().isEmpty()) agreements.remove(a.key()); else agreements.put(a.key(), a.text());
                            }
                            case Change.Link l -> links.add(l.other().hex());
                            case Change.Remove r -> {
                                if (isMember(record, r.member().hex()))
                                    record.add(new Tally.Entry(at, Tally.Entry.What.REMOVED, r.member().hex(), Optional.empty()));
                            }
                        }
                    }
                }
                case Response r -> {
                    P np = find(proposals, r.proposal());
                    if (np == null) ignored.add(new Tally.Ignored(at, "response to no proposal held before it"));
                    else if (np.status == ProposalTally.Status.IGNORED) ignored.add(new Tally.Ignored(at, "response to an ignored proposal"));
                    else if (np.status != ProposalTally.Status.OPEN) ignored.add(new Tally.Ignored(at, "response after the close"));
                    else if (!np.electorate.contains(r.author().hex())) ignored.add(new Tally.Ignored(at, "response by someone outside the electorate"));
                    else if (r.answer() == Response.Answer.OBJECT && !r.basis().orElseThrow().equals("purpose")
                            && !np.agreementsThen.contains(r.basis().orElseThrow()))
                        ignored.add(new Tally.Ignored(at, "objection names no agreement in force: " + r.basis().orElseThrow()));
                    else np.responses.add(r);
                }
            }
        }

        TreeMap<String, Position> members = new TreeMap<>();
        for (String k : members(record)) members.put(k, admittedAt(record, k));
        TreeMap<String, ProposalTally> tallies = new TreeMap<>();
        for (P np : proposals) {
            TreeMap<String, Response> standing = new TreeMap<>();
            for (Response r : np.responses) standing.put(r.author().hex(), r);
            standing.values().removeIf(r -> r.answer() == Response.Answer.WITHDRAW);
            tallies.put(np.proposal.id().hex(), new ProposalTally(np.proposal, np.status, new TreeSet<>(np.electorate), standing, np.reason));
        }
        return Optional.of(new Tally(founding, now, members, new TreeMap<>(agreements), record, tallies, new TreeSet<>(links), ignored));
    }

    private static P find(List<P> proposals, EventId id) {
        for (P p : proposals) if (p.proposal.id().equals(id)) return p;
        return null;
    }

    private static Optional<Response> standing(P np, String who) {
        Response last = null;
        for (Response r : np.responses) if (r.author().hex().equals(who)) last = r;
        return last == null || last.answer() == Response.Answer.WITHDRAW ? Optional.empty() : Optional.of(last);
    }

    /** A member: the last of their founding, admission, leaving or removal is a founding or an admission. */
    private static boolean isMember(List<Tally.Entry> record, String who) {
        Tally.Entry.What last = null;
        for (Tally.Entry e : record) {
            if (!e.who().equals(who)) continue;
            switch (e.what()) {
                case FOUNDED, ADMITTED, LEFT, REMOVED -> last = e.what();
                default -> { }
            }
        }
        return last == Tally.Entry.What.FOUNDED || last == Tally.Entry.What.ADMITTED;
    }

    /** Joined and not left or removed since. */
    private static boolean hasJoined(List<Tally.Entry> record, String who) {
        Tally.Entry.What last = null;
        for (Tally.Entry e : record) {
            if (!e.who().equals(who)) continue;
            switch (e.what()) {
                case JOINED, LEFT, REMOVED -> last = e.what();
                default -> { }
            }
        }
        return last == Tally.Entry.What.JOINED;
    }

    private static Set<String> members(List<Tally.Entry> record) {
        Set<String> everyone = new TreeSet<>();
        for (Tally.Entry e : record) everyone.add(e.who());
        Set<String> out = new TreeSet<>();
        for (String k : everyone) if (isMember(record, k)) out.add(k);
        return out;
    }

    private static Position admittedAt(List<Tally.Entry> record, String who) {
        Position at = null;
        for (Tally.Entry e : record)
            if (e.who().equals(who) && (e.what() == Tally.Entry.What.FOUNDED || e.what() == Tally.Entry.What.ADMITTED)) at = e.at();
        return at;
    }

    /** Who vouches for {@code whom} now: vouches since their last leaving or removal, not taken back. */
    private static Set<String> standingVouchers(List<Tally.Entry> record, String whom) {
        Set<String> out = new HashSet<>();
        for (Tally.Entry e : record) {
            if (e.who().equals(whom) && (e.what() == Tally.Entry.What.LEFT || e.what() == Tally.Entry.What.REMOVED)) out.clear();
            if (e.whom().equals(Optional.of(whom)) && e.what() == Tally.Entry.What.VOUCHED) out.add(e.who());
            if (e.whom().equals(Optional.of(whom)) && e.what() == Tally.Entry.What.UNVOUCHED) out.remove(e.who());
        }
        return out;
    }

    private static void admitIfVouched(List<Tally.Entry> record, Founding founding, Position at, String who) {
        if (!hasJoined(record, who) || isMember(record, who)) return;
        int threshold = Math.max(1, Math.min(founding.settings().vouches(), members(record).size()));
        long standing = standingVouchers(record, who).stream().filter(v -> isMember(record, v)).count();
        if (standing >= threshold) record.add(new Tally.Entry(at, Tally.Entry.What.ADMITTED, who, Optional.empty()));
    }
}
