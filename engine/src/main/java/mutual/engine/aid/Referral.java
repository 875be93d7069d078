package mutual.engine.aid;

import java.util.Set;

/**
 * One step of a need's referral: the community it reached ({@code community}, its id, and
 * {@code name}) at {@code at}, through the linked community {@code via} that passed it on, and the
 * members (hex keys) of the community reached, whose offers may now be matched with the need.
 */
public record Referral(String community, String name, String via, String viaName, long at, Set<String> members) {
    public Referral {
        members = Set.copyOf(members);
    }

    /** The step as a reason with a match: referred to "Workshop" (linked with "Garden"). */
    public String reason() {
        return "referred to \"" + name + "\" (linked with \"" + viaName + "\")";
    }
}
