package mutual.protocol.community;

import java.util.List;
import java.util.Optional;
import mutual.protocol.aid.AidExamples;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.geo.Geohash;

/** The community examples of docs/protocol.md, from fixed keys and times; {@link #main} prints them for pasting. */
public final class CommunityExamples {
    public static final long T = 1769940000L; // 2026-02-01T10:00:00Z
    public static final SecretKey ALICE = AidExamples.ALICE;
    public static final SecretKey BOB = AidExamples.BOB;
    public static final SecretKey CAROL = AidExamples.key("mutual example carol");
    public static final long PERIOD = 3 * 86400;

    private CommunityExamples() {}

    public static Event founding() {
        return CommunityEvents.founding("Kreuzberg food sharing", "We share food so that nobody in the neighbourhood goes hungry.")
                .agreement("no-resale", "What we share is never sold on.")
                .agreement("respect", "We treat each other with respect, in person and online.")
                .area(Geohash.of("u33d")).language("de").language("en")
                .settings(new Settings(2, 50, 86400))
                .content("Saturday pick-ups at the community garden; everyone welcome.")
                .sign(ALICE, T);
    }

    public static EventId id() {
        return founding().id();
    }

    public static Event proposal() {
        return CommunityEvents.propose(CAROL, T + 2 * 86400, id(), PERIOD,
                new Change.Agreement("pickup-times", "Pick-ups are on Saturdays from 10:00 to 13:00."),
                "Several of us asked when to come; let us write it down.");
    }

    /** Every example, in the order the document shows them. */
    public static List<Event> all() {
        EventId c = id();
        return List.of(founding(),
                CommunityEvents.act(BOB, T + 3600, c, MemberAct.Act.JOIN, Optional.empty(), "I grow vegetables two streets away."),
                CommunityEvents.act(ALICE, T + 7200, c, MemberAct.Act.VOUCH, Optional.of(BOB.publicKey()), "I know Bob from the allotments."),
                CommunityEvents.act(CAROL, T + 86400, c, MemberAct.Act.JOIN, Optional.empty(), ""),
                CommunityEvents.act(ALICE, T + 86400 + 600, c, MemberAct.Act.VOUCH, Optional.of(CAROL.publicKey()), "Carol helped at the last pick-up."),
                CommunityEvents.act(BOB, T + 86400 + 900, c, MemberAct.Act.VOUCH, Optional.of(CAROL.publicKey()), ""),
                proposal(),
                CommunityEvents.respond(ALICE, T + 2 * 86400 + 3600, c, proposal().id(), Response.Answer.CONSENT, Optional.empty(), ""),
                CommunityEvents.respond(BOB, T + 2 * 86400 + 7200, c, proposal().id(), Response.Answer.OBJECT, Optional.of("respect"),
                        "Some of us work on Saturdays; a fixed time shuts them out."),
                CommunityEvents.respond(BOB, T + 3 * 86400, c, proposal().id(), Response.Answer.WITHDRAW, Optional.empty(),
                        "Carol offered to keep aside boxes for late pick-up; I withdraw."));
    }

    /** Carol's report of Bob, after the decision: a record the members see, which changes no tally. */
    public static Event report() {
        return CommunityEvents.report(CAROL, T + 4 * 86400, id(), BOB.publicKey(), "respect", "Bob raised his voice at a volunteer at Saturday's pick-up.");
    }

    /** Alice's guide for the community's library. */
    public static Event guide() {
        return Guides.build(ALICE, T + 5 * 86400, "pantry", id(), "How we run the Saturday pantry", Optional.of("Opening, stock and the rota."),
                List.of(mutual.protocol.aid.Category.FOOD), "## Opening\nSaturdays 10:00 to 13:00 at the garden shed.\n\n## Rota\nTwo people each week; swap in the chat.");
    }

    /** Bob's key is stolen: his new key joins saying whose it was, and Alice and Carol, who met him, vouch so ({@link Succession}). */
    public static final SecretKey BOB_AGAIN = AidExamples.key("mutual example bob, second key");

    public static List<Event> successor() {
        EventId c = id();
        Optional<mutual.protocol.crypto.PubKey> was = Optional.of(BOB.publicKey());
        return List.of(
                CommunityEvents.act(BOB_AGAIN, T + 6 * 86400, c, MemberAct.Act.JOIN, Optional.empty(), was, "My phone was stolen; this is my new key."),
                CommunityEvents.act(ALICE, T + 6 * 86400 + 3600, c, MemberAct.Act.VOUCH, Optional.of(BOB_AGAIN.publicKey()), was,
                        "I met Bob at the pick-up today; this is his new key."),
                CommunityEvents.act(CAROL, T + 6 * 86400 + 7200, c, MemberAct.Act.VOUCH, Optional.of(BOB_AGAIN.publicKey()), was, "Bob showed me too."));
    }

    public static void main(String[] args) {
        for (Event e : all()) System.out.println("```json\n" + AidExamples.pretty(e) + "\n```\n");
        System.out.println("```json\n" + AidExamples.pretty(report()) + "\n```\n");
        System.out.println("```json\n" + AidExamples.pretty(guide()) + "\n```\n");
        for (Event e : successor()) System.out.println("```json\n" + AidExamples.pretty(e) + "\n```\n");
    }
}
