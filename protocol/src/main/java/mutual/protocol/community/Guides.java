package mutual.protocol.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;

/** Writes and reads guides (NIP-23 long-form, kind 30023, with Mutual's tags; docs/protocol.md, "Guides"). */
public final class Guides {
    public static final int KIND = 30023;
    public static final String HASHTAG = "mutual-guide";
    public static final int MAX_TITLE = 200, MAX_SUMMARY = 500, MAX_CONTENT = 100_000;

    private Guides() {}

    /** A guide with {@code d} naming it among its author's guides; publishing the same {@code d} again edits it. */
    public static Event build(SecretKey key, long at, String d, EventId community, String title, Optional<String> summary,
                              List<Category> categories, String content) {
        EventBuilder b = EventBuilder.create(KIND, at).tag("d", d).tag("title", title.strip());
        summary.ifPresent(s -> b.tag("summary", s.strip()));
        b.tag("published_at", Long.toString(at)).tag("e", community.hex(), "", CommunityKinds.MARK_COMMUNITY).tag("t", HASHTAG);
        for (Category c : categories) b.tag("t", c.label());
        b.tag("L", AidKinds.NS_CATEGORY);
        for (Category c : categories) b.tag("l", c.label(), AidKinds.NS_CATEGORY);
        Event e = b.content(content).sign(key);
        parse(e); // says what is wrong before anyone publishes it
        return e;
    }

    /** Whether an event is one of Mutual's guides (kind 30023 with {@code ["t", "mutual-guide"]}). */
    public static boolean isGuide(Event e) {
        return e.kind() == KIND && e.tagsNamed("t").stream().anyMatch(t -> t.value().filter(HASHTAG::equals).isPresent());
    }

    public static Guide parse(Event e) {
        if (!isGuide(e)) throw fail(e, "a guide is kind " + KIND + " with [\"t\", \"" + HASHTAG + "\"]");
        String title = one(e, "title").map(String::strip).filter(s -> !s.isEmpty()).orElseThrow(() -> fail(e, "a guide has a title"));
        if (title.length() > MAX_TITLE) throw fail(e, "title is longer than " + MAX_TITLE + " characters");
        Optional<String> summary = one(e, "summary");
        if (summary.map(String::length).orElse(0) > MAX_SUMMARY) throw fail(e, "summary is longer than " + MAX_SUMMARY + " characters");
        if (e.content().isBlank()) throw fail(e, "a guide has its text in the content");
        if (e.content().length() > MAX_CONTENT) throw fail(e, "content is longer than " + MAX_CONTENT + " characters");
        EventId community = null;
        for (Tag t : e.tagsNamed("e")) {
            if (!t.get(3).orElse("").equals(CommunityKinds.MARK_COMMUNITY)) continue;
            if (community != null) throw fail(e, "a guide names one community");
            String v = t.value().orElse("");
            community = EventId.fromHex(v).orElseThrow(() -> fail(e, "e tag '" + v + "' is not an event id"));
        }
        if (community == null) throw fail(e, "a guide names its community: [\"e\", <id>, <relay>, \"community\"]");
        List<Category> categories = new ArrayList<>();
        for (Tag t : e.tagsNamed("l"))
            if (t.get(2).orElse("").equals(AidKinds.NS_CATEGORY)) Category.fromLabel(t.value().orElse("")).filter(c -> !categories.contains(c)).ifPresent(categories::add);
        if (categories.isEmpty()) throw fail(e, "a guide has at least one category label from the shared taxonomy");
        return new Guide(e.id(), Address.of(e), e.createdAt(), community, title, summary, categories, e.content());
    }

    private static Optional<String> one(Event e, String name) {
        List<Tag> ts = e.tagsNamed(name);
        if (ts.size() > 1) throw fail(e, "more than one " + name + " tag");
        return ts.isEmpty() ? Optional.empty() : Optional.of(ts.get(0).value().orElse(""));
    }

    private static CommunityException fail(Event e, String message) {
        return new CommunityException("guide " + e.id().hex().substring(0, 8) + ": " + message);
    }
}
