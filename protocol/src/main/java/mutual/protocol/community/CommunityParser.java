package mutual.protocol.community;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import mutual.protocol.geo.Geohash;

/**
 * Reads the events of docs/protocol.md "Communities" into {@link CommunityEvent} records, once, at
 * the edge. Shape only: whether the author was a member, or a proposal still open, is the tally's
 * business. Throws {@link CommunityException} naming the tag at fault. Does not check signatures.
 */
public final class CommunityParser {
    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    private CommunityParser() {}

    public static boolean isCommunityKind(int kind) {
        return kind >= CommunityKinds.FOUNDING && kind <= CommunityKinds.RESPONSE;
    }

    public static CommunityEvent parse(Event e) {
        if (e.content().length() > CommunityKinds.MAX_CONTENT)
            throw fail(e, "content is longer than " + CommunityKinds.MAX_CONTENT + " characters");
        return switch (e.kind()) {
            case CommunityKinds.FOUNDING -> founding(e);
            case CommunityKinds.MEMBER -> memberAct(e);
            case CommunityKinds.PROPOSAL -> proposal(e);
            case CommunityKinds.RESPONSE -> response(e);
            default -> throw fail(e, "kind " + e.kind() + " is not a community event (1403 to 1406)");
        };
    }

    /** Whether a kind-1984 report is one of Mutual's (labelled {@code mutual.community.report}), which {@link #report} reads. */
    public static boolean isCommunityReport(Event e) {
        return e.kind() == CommunityKinds.REPORT && e.tags().stream().anyMatch(t -> t.name().equals("L") && t.value().filter(CommunityKinds.NS_REPORT::equals).isPresent());
    }

    /** Reads a community report (docs/protocol.md, "Reports"); throws saying what is wrong. */
    public static Report report(Event e) {
        if (e.kind() != CommunityKinds.REPORT) throw fail(e, "a report is kind " + CommunityKinds.REPORT);
        if (e.content().length() > CommunityKinds.MAX_CONTENT) throw fail(e, "content is longer than " + CommunityKinds.MAX_CONTENT + " characters");
        EventId community = marked(e, CommunityKinds.MARK_COMMUNITY);
        String breach = label(e, CommunityKinds.NS_REPORT);
        if (!KEY.matcher(breach).matches()) throw fail(e, "a report names the agreement broken by its key, got '" + breach + "'");
        List<Tag> ps = e.tagsNamed("p");
        if (ps.size() != 1) throw fail(e, "a report names one person: [\"p\", <pubkey>, \"other\"]");
        PubKey member = pubkey(e, ps.get(0));
        if (member.equals(e.pubkey())) throw fail(e, "a report names someone else");
        if (e.content().isBlank()) throw fail(e, "a report says what happened in the content");
        return new Report(e.id(), e.pubkey(), e.createdAt(), community, member, breach, e.content());
    }

    private static Founding founding(Event e) {
        String name = one(e, "name").map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> fail(e, "a community needs a non-empty name tag"));
        if (name.length() > CommunityKinds.MAX_NAME) throw fail(e, "name is longer than " + CommunityKinds.MAX_NAME + " characters");
        String description = one(e, "description").map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> fail(e, "a community needs a description tag: its purpose"));
        if (description.length() > CommunityKinds.MAX_DESCRIPTION)
            throw fail(e, "description is longer than " + CommunityKinds.MAX_DESCRIPTION + " characters");
        if (e.tagsNamed("t").stream().noneMatch(t -> t.value().orElse("").equals(CommunityKinds.HASHTAG)))
            throw fail(e, "a community carries [\"t\", \"" + CommunityKinds.HASHTAG + "\"]");
        SequencedMap<String, String> agreements = new LinkedHashMap<>();
        for (Tag t : e.tagsNamed("agreement")) {
            String key = t.value().orElse("");
            String text = t.get(2).map(String::strip).orElse("");
            checkAgreement(e, key, text, false);
            if (agreements.putIfAbsent(key, text) != null) throw fail(e, "agreement '" + key + "' appears twice");
            if (agreements.size() > CommunityKinds.MAX_AGREEMENTS) throw fail(e, "more than " + CommunityKinds.MAX_AGREEMENTS + " agreements");
        }
        Optional<Geohash> area = area(e);
        List<String> languages = new ArrayList<>();
        for (Tag t : e.tagsNamed("l")) {
            if (!t.get(2).orElse("").equals("ISO-639-1")) continue;
            String v = t.value().orElse("");
            if (!LANGUAGE.matcher(v).matches()) throw fail(e, "language '" + v + "' is not a two-letter ISO 639-1 code");
            if (!languages.contains(v)) languages.add(v);
        }
        Settings d = Settings.DEFAULTS;
        Settings settings;
        try {
            settings = new Settings((int) number(e, "vouches", d.vouches(), 10), (int) number(e, "quorum", d.quorumPercent(), 100),
                    number(e, "period", d.minPeriod(), CommunityKinds.MAX_PERIOD), number(e, "referral", d.referAfter(), CommunityKinds.MAX_PERIOD));
        } catch (CommunityException x) {
            throw fail(e, x.getMessage());
        }
        return new Founding(e.id(), e.pubkey(), e.createdAt(), name, description, agreements, area, languages, settings, e.content());
    }

    private static MemberAct memberAct(Event e) {
        EventId community = marked(e, CommunityKinds.MARK_COMMUNITY);
        String label = label(e, CommunityKinds.NS_MEMBER);
        MemberAct.Act act = MemberAct.Act.fromLabel(label)
                .orElseThrow(() -> fail(e, "act '" + label + "' is not join, vouch, unvouch or leave"));
        Optional<PubKey> subject = Optional.empty();
        if (act.namesSomeone()) {
            List<Tag> ps = e.tagsNamed("p");
            if (ps.size() != 1) throw fail(e, "a " + act.label() + " names exactly one person in a p tag, got " + ps.size());
            PubKey p = pubkey(e, ps.get(0));
            if (p.equals(e.pubkey())) throw fail(e, "nobody can " + act.label() + " for themselves");
            subject = Optional.of(p);
        }
        try {
            Succession.check(e, act, subject.orElse(e.pubkey()));
        } catch (CommunityException x) {
            throw fail(e, x.getMessage());
        }
        return new MemberAct(e.id(), e.pubkey(), e.createdAt(), community, act, subject, e.content());
    }

    private static Proposal proposal(Event e) {
        EventId community = marked(e, CommunityKinds.MARK_COMMUNITY);
        String label = label(e, CommunityKinds.NS_PROPOSAL);
        long period = one(e, "period").map(v -> parseNumber(e, "period", v, CommunityKinds.MAX_PERIOD))
                .orElseThrow(() -> fail(e, "a proposal states its period in seconds: [\"period\", \"<seconds>\"]"));
        if (period < CommunityKinds.MIN_PERIOD) throw fail(e, "period must be at least " + CommunityKinds.MIN_PERIOD + " seconds");
        Change change = switch (label) {
            case "agreement" -> {
                List<Tag> ts = e.tagsNamed("agreement");
                if (ts.size() != 1) throw fail(e, "an agreement proposal has exactly one agreement tag, got " + ts.size());
                String key = ts.get(0).value().orElse("");
                String text = ts.get(0).get(2).map(String::strip).orElse("");
                checkAgreement(e, key, text, true);
                yield new Change.Agreement(key, text);
            }
            case "link" -> {
                EventId other = marked(e, CommunityKinds.MARK_LINK);
                if (other.equals(community)) throw fail(e, "a community cannot link to itself");
                yield new Change.Link(other);
            }
            case "remove" -> {
                List<Tag> ps = e.tagsNamed("p");
                if (ps.size() != 1) throw fail(e, "a remove proposal names exactly one member in a p tag, got " + ps.size());
                String breach = one(e, "breach").orElseThrow(() -> fail(e, "a remove proposal names the broken agreement: [\"breach\", \"<key>\"]"));
                if (!KEY.matcher(breach).matches()) throw fail(e, "breach '" + breach + "' is not an agreement key");
                yield new Change.Remove(pubkey(e, ps.get(0)), breach);
            }
            default -> throw fail(e, "proposal type '" + label + "' is not agreement, link or remove");
        };
        if (e.content().isBlank()) throw fail(e, "a proposal says why in its content");
        return new Proposal(e.id(), e.pubkey(), e.createdAt(), community, period, change, e.content());
    }

    private static Response response(Event e) {
        EventId community = marked(e, CommunityKinds.MARK_COMMUNITY);
        EventId proposal = marked(e, CommunityKinds.MARK_PROPOSAL);
        String label = label(e, CommunityKinds.NS_RESPONSE);
        Response.Answer answer = Response.Answer.fromLabel(label)
                .orElseThrow(() -> fail(e, "response '" + label + "' is not consent, concern, object or withdraw"));
        Optional<String> basis = one(e, "basis");
        switch (answer) {
            case OBJECT -> {
                String b = basis.orElseThrow(() -> fail(e, "an objection names the agreement it would break, or \"purpose\": [\"basis\", \"<key>\"]"));
                if (!b.equals(CommunityKinds.PURPOSE) && !KEY.matcher(b).matches()) throw fail(e, "basis '" + b + "' is not an agreement key or \"purpose\"");
                if (e.content().isBlank()) throw fail(e, "an objection gives its reason in the content");
            }
            case CONCERN -> {
                if (e.content().isBlank()) throw fail(e, "a concern says what it is in the content");
                if (basis.isPresent()) throw fail(e, "only an objection has a basis");
            }
            case CONSENT, WITHDRAW -> {
                if (basis.isPresent()) throw fail(e, "only an objection has a basis");
            }
        }
        return new Response(e.id(), e.pubkey(), e.createdAt(), community, proposal, answer, basis, e.content());
    }

    private static void checkAgreement(Event e, String key, String text, boolean emptyAllowed) {
        if (!KEY.matcher(key).matches()) throw fail(e, "agreement key '" + key + "' is not 1 to 32 of a-z, 0-9 and -");
        if (key.equals(CommunityKinds.PURPOSE)) throw fail(e, "\"purpose\" names the description, not an agreement");
        if (text.isEmpty() && !emptyAllowed) throw fail(e, "agreement '" + key + "' has no text");
        if (text.length() > CommunityKinds.MAX_AGREEMENT_TEXT)
            throw fail(e, "agreement '" + key + "' is longer than " + CommunityKinds.MAX_AGREEMENT_TEXT + " characters");
    }

    private static Optional<Geohash> area(Event e) {
        Geohash longest = null;
        List<Geohash> all = new ArrayList<>();
        for (Tag t : e.tagsNamed("g")) {
            String v = t.value().orElse("");
            Geohash g = Geohash.parse(v).orElseThrow(() -> fail(e, "g tag '" + v + "' is not a geohash"));
            if (g.length() > CommunityKinds.MAX_AREA) throw fail(e, "area '" + v + "' is finer than " + CommunityKinds.MAX_AREA + " characters: a community's area is coarse");
            all.add(g);
            if (longest == null || g.length() > longest.length()) longest = g;
        }
        for (Geohash g : all)
            if (!longest.value().startsWith(g.value())) throw fail(e, "g tag '" + g + "' is not a prefix of the area '" + longest + "'");
        return Optional.ofNullable(longest);
    }

    private static long number(Event e, String name, long dflt, long max) {
        return one(e, name).map(v -> parseNumber(e, name, v, max)).orElse(dflt);
    }

    private static long parseNumber(Event e, String name, String v, long max) {
        if (!v.matches("[0-9]{1,10}")) throw fail(e, name + " '" + v + "' is not a whole number");
        long n = Long.parseLong(v);
        if (n > max) throw fail(e, name + " " + n + " is more than " + max);
        return n;
    }

    /** The value of the only tag with this name, if any; two are an error (readers would disagree on which wins). */
    private static Optional<String> one(Event e, String name) {
        List<Tag> ts = e.tagsNamed(name);
        if (ts.size() > 1) throw fail(e, "more than one " + name + " tag");
        return ts.isEmpty() ? Optional.empty() : Optional.of(ts.get(0).value().orElse(""));
    }

    private static EventId marked(Event e, String marker) {
        EventId found = null;
        for (Tag t : e.tagsNamed("e")) {
            if (!t.get(3).orElse("").equals(marker)) continue;
            if (found != null) throw fail(e, "more than one e tag marked \"" + marker + "\"");
            String v = t.value().orElse("");
            found = EventId.fromHex(v).orElseThrow(() -> fail(e, "e tag '" + v + "' is not an event id"));
        }
        if (found == null) throw fail(e, "no [\"e\", <id>, <relay>, \"" + marker + "\"] tag");
        return found;
    }

    private static String label(Event e, String namespace) {
        List<String> ls = new ArrayList<>();
        for (Tag t : e.tagsNamed("l")) if (t.get(2).orElse("").equals(namespace)) ls.add(t.value().orElse(""));
        if (ls.size() != 1) throw fail(e, "exactly one [\"l\", <value>, \"" + namespace + "\"] label, got " + ls.size());
        return ls.get(0);
    }

    private static PubKey pubkey(Event e, Tag t) {
        String v = t.value().orElse("");
        return PubKey.fromHex(v).orElseThrow(() -> fail(e, "p tag '" + v + "' is not a public key"));
    }

    private static CommunityException fail(Event e, String message) {
        return new CommunityException("community event " + e.id().hex().substring(0, 8) + ": " + message);
    }
}
