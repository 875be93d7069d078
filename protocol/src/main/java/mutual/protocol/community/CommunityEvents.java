package mutual.protocol.community;

import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.geo.Geohash;

/** Writes and signs the events of docs/protocol.md "Communities"; each is read back by {@link CommunityParser} before it is returned. */
public final class CommunityEvents {
    private CommunityEvents() {}

    public static FoundingBuilder founding(String name, String description) {
        return new FoundingBuilder(name, description);
    }

    public static Event act(SecretKey key, long at, EventId community, MemberAct.Act act, Optional<PubKey> subject, String content) {
        return act(key, at, community, act, subject, Optional.empty(), content);
    }

    /** A join or vouch that also says whose lost key the person held ({@link Succession}). */
    public static Event act(SecretKey key, long at, EventId community, MemberAct.Act act, Optional<PubKey> subject, Optional<PubKey> successorOf, String content) {
        EventBuilder b = EventBuilder.create(CommunityKinds.MEMBER, at).tag("e", community.hex(), "", CommunityKinds.MARK_COMMUNITY);
        subject.ifPresent(p -> b.tag("p", p.hex()));
        successorOf.ifPresent(p -> b.tag(Succession.TAG, p.hex()));
        b.tag("L", CommunityKinds.NS_MEMBER).tag("l", act.label(), CommunityKinds.NS_MEMBER);
        return checked(b.content(content).sign(key));
    }

    public static Event propose(SecretKey key, long at, EventId community, long period, Change change, String content) {
        EventBuilder b = EventBuilder.create(CommunityKinds.PROPOSAL, at).tag("e", community.hex(), "", CommunityKinds.MARK_COMMUNITY);
        switch (change) {
            case Change.Agreement a -> b.tag("agreement", a.key(), a.text());
            case Change.Link l -> b.tag("e", l.other().hex(), "", CommunityKinds.MARK_LINK);
            case Change.Remove r -> b.tag("p", r.member().hex()).tag("breach", r.breach());
        }
        b.tag("period", Long.toString(period)).tag("L", CommunityKinds.NS_PROPOSAL).tag("l", change.label(), CommunityKinds.NS_PROPOSAL);
        return checked(b.content(content).sign(key));
    }

    public static Event respond(SecretKey key, long at, EventId community, EventId proposal, Response.Answer answer,
                                Optional<String> basis, String content) {
        EventBuilder b = EventBuilder.create(CommunityKinds.RESPONSE, at)
                .tag("e", proposal.hex(), "", CommunityKinds.MARK_PROPOSAL)
                .tag("e", community.hex(), "", CommunityKinds.MARK_COMMUNITY);
        basis.ifPresent(v -> b.tag("basis", v));
        b.tag("L", CommunityKinds.NS_RESPONSE).tag("l", answer.label(), CommunityKinds.NS_RESPONSE);
        return checked(b.content(content).sign(key));
    }

    /** A report that {@code member} broke the agreement {@code breach} of the community (NIP-56 kind 1984, report type "other"). */
    public static Event report(SecretKey key, long at, EventId community, PubKey member, String breach, String content) {
        Event e = EventBuilder.create(CommunityKinds.REPORT, at)
                .tag("p", member.hex(), "other")
                .tag("e", community.hex(), "", CommunityKinds.MARK_COMMUNITY)
                .tag("L", CommunityKinds.NS_REPORT).tag("l", breach, CommunityKinds.NS_REPORT)
                .content(content).sign(key);
        CommunityParser.report(e); // says what is wrong before anyone publishes it
        return e;
    }

    /**
     * A NIP-72 community definition (kind 34550) that mirrors the tally for ordinary clients: {@code d}
     * is the community id, the agreements in force are the content, and there are no moderators.
     * Display only: Mutual never reads it (docs/protocol.md, "Why a regular founding event").
     */
    public static Event mirror(Tally t, SecretKey key, long at) {
        StringBuilder md = new StringBuilder(t.founding().description()).append("\n\nOur agreements:\n");
        t.agreements().forEach((k, v) -> md.append("\n- **").append(k).append("**: ").append(v));
        return EventBuilder.create(CommunityKinds.NIP72_MIRROR, at).tag("d", t.founding().id().hex())
                .tag("name", t.founding().name()).tag("description", t.founding().description())
                .tag("e", t.founding().id().hex(), "", CommunityKinds.MARK_COMMUNITY).tag("t", CommunityKinds.HASHTAG)
                .content(md.toString()).sign(key);
    }

    private static Event checked(Event e) {
        CommunityParser.parse(e);
        return e;
    }

    /** Builds and signs a founding event. */
    public static final class FoundingBuilder {
        private final String name;
        private final String description;
        private final SequencedMap<String, String> agreements = new LinkedHashMap<>();
        private final java.util.List<String> languages = new java.util.ArrayList<>();
        private Optional<Geohash> area = Optional.empty();
        private Settings settings = Settings.DEFAULTS;
        private String content = "";

        private FoundingBuilder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        public FoundingBuilder agreement(String key, String text) { agreements.put(key, text); return this; }
        public FoundingBuilder language(String code) { languages.add(code); return this; }
        public FoundingBuilder area(Geohash g) { area = Optional.of(g); return this; }
        public FoundingBuilder settings(Settings s) { settings = s; return this; }
        public FoundingBuilder content(String v) { content = v; return this; }

        public Event sign(SecretKey key, long at) {
            EventBuilder b = EventBuilder.create(CommunityKinds.FOUNDING, at).tag("name", name).tag("description", description);
            agreements.forEach((k, v) -> b.tag("agreement", k, v));
            area.ifPresent(g -> {
                for (int n = g.length(); n >= 1; n--) b.tag("g", g.value().substring(0, n));
            });
            if (!languages.isEmpty()) {
                b.tag("L", "ISO-639-1");
                for (String l : languages) b.tag("l", l, "ISO-639-1");
            }
            Settings d = Settings.DEFAULTS;
            if (settings.vouches() != d.vouches()) b.tag("vouches", Integer.toString(settings.vouches()));
            if (settings.quorumPercent() != d.quorumPercent()) b.tag("quorum", Integer.toString(settings.quorumPercent()));
            if (settings.minPeriod() != d.minPeriod()) b.tag("period", Long.toString(settings.minPeriod()));
            if (settings.referAfter() != d.referAfter()) b.tag("referral", Long.toString(settings.referAfter()));
            b.tag("t", CommunityKinds.HASHTAG);
            return checked(b.content(content).sign(key));
        }
    }
}
