package mutual.engine.community;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import mutual.protocol.community.Change;
import mutual.protocol.community.Founding;
import mutual.protocol.community.ProposalTally;
import mutual.protocol.community.Report;
import mutual.protocol.community.Response;
import mutual.protocol.community.Tally;
import mutual.protocol.json.JsonOut;

/** The JSON shape of a community's tally (docs/api.md, "Communities"). */
final class CommunityJson {
    private CommunityJson() {}

    static String error(String message) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /** Communities in a list: what each is, where, and how many members it has now. */
    static String list(List<CommunityView> views) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("communities");
            for (CommunityView v : views) {
                Founding f = v.founding();
                g.writeStartObject();
                g.writeStringField("id", f.id().hex());
                g.writeStringField("name", f.name());
                g.writeStringField("description", f.description());
                g.writeNumberField("founded_at", f.createdAt());
                g.writeStringField("area", f.area().map(Object::toString).orElse(null));
                languages(g, f);
                g.writeNumberField("members", v.members().size());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The tally, and the communities linked with this one on both sides as the node holds them. */
    static String tally(Tally t, List<CommunityView> linked, List<Report> reports) {
        return JsonOut.write(g -> {
            Founding f = t.founding();
            g.writeStartObject();
            g.writeStringField("id", f.id().hex());
            g.writeStringField("name", f.name());
            g.writeStringField("description", f.description());
            g.writeStringField("founder", f.author().hex());
            g.writeNumberField("founded_at", f.createdAt());
            g.writeStringField("area", f.area().map(Object::toString).orElse(null));
            languages(g, f);
            g.writeObjectFieldStart("settings");
            g.writeNumberField("vouches", f.settings().vouches());
            g.writeNumberField("quorum_percent", f.settings().quorumPercent());
            g.writeNumberField("min_period_seconds", f.settings().minPeriod());
            g.writeNumberField("referral_seconds", f.settings().referAfter());
            g.writeEndObject();
            g.writeNumberField("now", t.now());
            g.writeArrayFieldStart("agreements");
            for (var a : t.agreements().entrySet()) {
                g.writeStartObject();
                g.writeStringField("key", a.getKey());
                g.writeStringField("text", a.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("members");
            for (var m : t.members().entrySet()) {
                g.writeStartObject();
                g.writeStringField("pubkey", m.getKey());
                g.writeNumberField("since", m.getValue().time());
                g.writeStringField("admitted_by", m.getValue().id());
                g.writeEndObject();
            }
            g.writeEndArray();
            List<ProposalTally> proposals = t.proposals().values().stream()
                    .sorted(Comparator.comparingLong((ProposalTally p) -> p.proposal().createdAt()).thenComparing(p -> p.proposal().id().hex())).toList();
            g.writeNumberField("open_proposals", proposals.stream().filter(p -> p.status() == ProposalTally.Status.OPEN).count());
            g.writeArrayFieldStart("proposals");
            for (ProposalTally p : proposals) proposal(g, p);
            g.writeEndArray();
            g.writeArrayFieldStart("links");
            for (String l : t.links()) g.writeString(l);
            g.writeEndArray();
            g.writeArrayFieldStart("linked");
            for (CommunityView v : linked) {
                g.writeStartObject();
                g.writeStringField("id", v.id());
                g.writeStringField("name", v.name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("reports");
            for (Report r : reports) report(g, t, r);
            g.writeEndArray();
            g.writeArrayFieldStart("record");
            for (Tally.Entry e : t.record()) {
                g.writeStartObject();
                g.writeNumberField("at", e.at().time());
                g.writeStringField("what", e.what().label());
                g.writeStringField("who", e.who());
                if (e.whom().isPresent()) g.writeStringField("whom", e.whom().get());
                g.writeStringField("event", e.at().id());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ignored");
            for (Tally.Ignored i : t.ignored()) {
                g.writeStartObject();
                g.writeNumberField("at", i.at().time());
                g.writeStringField("event", i.at().id());
                g.writeStringField("reason", i.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void proposal(JsonGenerator g, ProposalTally p) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", p.proposal().id().hex());
        g.writeStringField("author", p.proposal().author().hex());
        g.writeStringField("type", p.proposal().change().label());
        switch (p.proposal().change()) {
            case Change.Agreement a -> {
                g.writeStringField("agreement", a.key());
                g.writeStringField("text", a.text());
            }
            case Change.Link l -> g.writeStringField("community", l.other().hex());
            case Change.Remove r -> {
                g.writeStringField("member", r.member().hex());
                g.writeStringField("breach", r.breach());
            }
        }
        g.writeStringField("why", p.proposal().content());
        g.writeNumberField("created_at", p.proposal().createdAt());
        g.writeNumberField("closes_at", p.proposal().closesAt());
        g.writeStringField("status", p.status().label());
        optional(g, "reason", p.reason());
        g.writeNumberField("electorate", p.electorate().size());
        g.writeObjectFieldStart("responses");
        for (Response.Answer a : List.of(Response.Answer.CONSENT, Response.Answer.CONCERN, Response.Answer.OBJECT))
            g.writeNumberField(a.label(), p.standing().values().stream().filter(r -> r.answer() == a).count());
        g.writeEndObject();
        g.writeArrayFieldStart("standing");
        for (var s : p.standing().entrySet()) {
            g.writeStartObject();
            g.writeStringField("pubkey", s.getKey());
            g.writeStringField("response", s.getValue().answer().label());
            optional(g, "basis", s.getValue().basis());
            g.writeStringField("reason", s.getValue().content());
            g.writeStringField("event", s.getValue().id().hex());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A report, and whether it stood when it was made: by a member about a member, naming an agreement then in force. */
    private static void report(JsonGenerator g, Tally t, Report r) throws IOException {
        g.writeStartObject();
        g.writeStringField("event", r.id().hex());
        g.writeStringField("author", r.author().hex());
        g.writeStringField("member", r.member().hex());
        g.writeStringField("agreement", r.breach());
        g.writeStringField("why", r.content());
        g.writeNumberField("at", r.createdAt());
        java.util.Set<String> members = membersAt(t, r.createdAt());
        String problem = !members.contains(r.author().hex()) ? "the reporter was not a member then"
                : !members.contains(r.member().hex()) ? "the person reported was not a member then"
                : !agreementsAt(t, r.createdAt()).contains(r.breach()) ? "no agreement " + r.breach() + " was in force then" : null;
        g.writeBooleanField("stands", problem == null);
        if (problem != null) g.writeStringField("reason", problem);
        g.writeEndObject();
    }

    /** Who was a member at the end of second {@code at}, read from the tally's record. */
    static java.util.Set<String> membersAt(Tally t, long at) {
        java.util.Set<String> in = new java.util.HashSet<>();
        for (Tally.Entry e : t.record()) {
            if (e.at().time() > at) break;
            switch (e.what()) {
                case FOUNDED, ADMITTED -> in.add(e.who());
                case LEFT, REMOVED -> in.remove(e.who());
                default -> { }
            }
        }
        return in;
    }

    /** The agreements in force at the end of second {@code at}: the founding's, then each passed change at its close. */
    static java.util.Set<String> agreementsAt(Tally t, long at) {
        java.util.Map<String, String> in = new java.util.HashMap<>(t.founding().agreements());
        t.proposals().values().stream().filter(p -> p.status() == ProposalTally.Status.PASSED && p.proposal().closesAt() <= at)
                .sorted(Comparator.comparingLong((ProposalTally p) -> p.proposal().closesAt()).thenComparing(p -> p.proposal().id().hex()))
                .forEach(p -> {
                    if (p.proposal().change() instanceof Change.Agreement a) {
                        if (a.text().isEmpty()) in.remove(a.key());
                        else in.put(a.key(), a.text());
                    }
                });
        return in.keySet();
    }

    private static void languages(JsonGenerator g, Founding f) throws IOException {
        g.writeArrayFieldStart("languages");
        for (String l : f.languages()) g.writeString(l);
        g.writeEndArray();
    }

    private static void optional(JsonGenerator g, String name, Optional<String> v) throws IOException {
        if (v.isPresent()) g.writeStringField(name, v.get());
    }
}
