package mutual.protocol.community;

/**
 * The place of an item in a community's history (docs/protocol.md, "The order of events"): time,
 * then rank within the second, then id as lowercase hex. A proposal's close is an item of its own,
 * at its closing time, named by the proposal's id.
 */
public record Position(long time, int rank, String id) implements Comparable<Position> {
    public static final int FOUNDING = 0, CLOSE = 1, JOIN = 2, VOUCH = 3, UNVOUCH = 4, LEAVE = 5, PROPOSAL = 6, RESPONSE = 7;

    public static Position of(CommunityEvent e) {
        int rank = switch (e) {
            case Founding f -> FOUNDING;
            case MemberAct m -> switch (m.act()) {
                case JOIN -> JOIN;
                case VOUCH -> VOUCH;
                case UNVOUCH -> UNVOUCH;
                case LEAVE -> LEAVE;
            };
            case Proposal p -> PROPOSAL;
            case Response r -> RESPONSE;
        };
        return new Position(e.createdAt(), rank, e.id().hex());
    }

    public static Position closeOf(Proposal p) {
        return new Position(p.closesAt(), CLOSE, p.id().hex());
    }

    /** The first position after every item of second {@code time}. */
    public static Position endOf(long time) {
        return new Position(time, Integer.MAX_VALUE, "");
    }

    @Override
    public int compareTo(Position o) {
        int c = Long.compare(time, o.time);
        if (c != 0) return c;
        c = Integer.compare(rank, o.rank);
        return c != 0 ? c : id.compareTo(o.id);
    }

    @Override
    public String toString() {
        return time + "/" + rank + "/" + id;
    }
}
