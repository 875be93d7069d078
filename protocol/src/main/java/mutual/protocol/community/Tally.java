package mutual.protocol.community;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A community's state at one moment, computed from its history alone (docs/protocol.md,
 * "The order of events, and what a tally is"). Keys are lowercase hex; maps are sorted, so
 * {@link #render()} is the same byte for byte on every node that holds the same events.
 */
public record Tally(Founding founding, long now, SortedMap<String, Position> members,
                    SortedMap<String, String> agreements, List<Entry> record,
                    SortedMap<String, ProposalTally> proposals, SortedSet<String> links, List<Ignored> ignored) {

    /** One change to membership or vouches, in history order. */
    public record Entry(Position at, What what, String who, Optional<String> whom) {
        public enum What { FOUNDED, JOINED, VOUCHED, UNVOUCHED, ADMITTED, LEFT, REMOVED;
            public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
        }
    }

    /** An event of the history that changed nothing, and why. */
    public record Ignored(Position at, String reason) {}

    public Tally {
        members = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(members));
        agreements = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(agreements));
        record = List.copyOf(record);
        proposals = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(proposals));
        links = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(links));
        ignored = List.copyOf(ignored);
    }

    /** A plain text form with one fact per line, for comparing tallies byte for byte. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("community ").append(founding.id().hex()).append(" at ").append(now).append('\n');
        members.forEach((k, v) -> sb.append("member ").append(k).append(" since ").append(v).append('\n'));
        agreements.forEach((k, v) -> sb.append("agreement ").append(k).append(' ').append(v.replace('\n', ' ')).append('\n'));
        for (Entry e : record)
            sb.append("record ").append(e.at()).append(' ').append(e.what().label()).append(' ').append(e.who())
                    .append(e.whom().map(w -> " " + w).orElse("")).append('\n');
        proposals.forEach((k, p) -> {
            sb.append("proposal ").append(k).append(' ').append(p.proposal().change().label()).append(' ').append(p.status().label())
                    .append(p.reason().map(r -> " (" + r + ")").orElse("")).append(" electorate ").append(String.join(",", p.electorate())).append('\n');
            p.standing().forEach((who, r) -> sb.append("  ").append(who).append(' ').append(r.answer().label())
                    .append(r.basis().map(b -> " " + b).orElse("")).append(' ').append(r.id().hex()).append('\n'));
        });
        for (String l : links) sb.append("link ").append(l).append('\n');
        for (Ignored i : ignored) sb.append("ignored ").append(i.at()).append(' ').append(i.reason()).append('\n');
        return sb.toString();
    }
}
