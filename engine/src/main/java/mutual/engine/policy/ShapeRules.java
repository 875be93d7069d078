package mutual.engine.policy;

import mutual.engine.ingest.Policy;
import mutual.engine.ingest.Verdict;
import mutual.protocol.event.Tag;

/** Size limits on an event's serialized form and its tags (NIP-11 {@code limitation}). */
final class ShapeRules {
    private ShapeRules() {}

    static Policy maxEventBytes(int max) {
        return Policy.of("max-event-bytes", c -> c.serializedBytes() > max
                ? Verdict.invalid("event is " + c.serializedBytes() + " bytes, more than the limit of " + max)
                : Verdict.accept());
    }

    static Policy tagLimits(int maxTags, int maxValueChars) {
        return Policy.of("tag-limits", c -> {
            var tags = c.event().tags();
            if (tags.size() > maxTags) return Verdict.invalid("event has " + tags.size() + " tags, more than the limit of " + maxTags);
            for (Tag t : tags)
                for (String v : t.values())
                    if (v.length() > maxValueChars)
                        return Verdict.invalid("a tag value is longer than the limit of " + maxValueChars + " characters");
            return Verdict.accept();
        });
    }
}
