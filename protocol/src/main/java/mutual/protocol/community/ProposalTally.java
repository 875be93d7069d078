package mutual.protocol.community;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import mutual.protocol.crypto.PubKey;

/**
 * Where a proposal stands: its electorate (members when it was made, less the person a removal
 * names), each standing response, and its outcome; {@code reason} says why when it is not open.
 */
public record ProposalTally(Proposal proposal, Status status, SortedSet<String> electorate,
                            SortedMap<String, Response> standing, Optional<String> reason) {
    public enum Status { OPEN, PASSED, BLOCKED, LAPSED, IGNORED;
        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public ProposalTally {
        electorate = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(electorate));
        standing = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(standing));
    }

    public boolean canRespond(PubKey who) {
        return status == Status.OPEN && electorate.contains(who.hex());
    }

    /** Members with a standing objection, sorted. */
    public List<String> objectors() {
        return standing.entrySet().stream().filter(e -> e.getValue().answer() == Response.Answer.OBJECT).map(java.util.Map.Entry::getKey).toList();
    }
}
