package mutual.engine.community;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import mutual.protocol.community.Founding;
import mutual.protocol.community.Tally;

/**
 * What the lists, links and trust in matching need of one community as it stands now: who is a
 * member, who vouched for each member (vouches standing since their last exit, docs/protocol.md
 * "Membership"), which communities it consented to link with, and when its tally next changes by
 * itself (a proposal closes, an event dated later falls due).
 */
record CommunityView(Founding founding, Set<String> members, Map<String, Set<String>> vouchers, Set<String> consentedLinks, OptionalLong nextChange) {
    CommunityView {
        members = Set.copyOf(members);
        vouchers = Map.copyOf(vouchers);
        consentedLinks = Set.copyOf(consentedLinks);
    }

    static CommunityView of(Tally t, OptionalLong nextChange) {
        Map<String, Set<String>> vouchers = new HashMap<>();
        for (Tally.Entry e : t.record()) {
            switch (e.what()) {
                case VOUCHED -> vouchers.computeIfAbsent(e.whom().orElseThrow(), k -> new HashSet<>()).add(e.who());
                case UNVOUCHED -> vouchers.getOrDefault(e.whom().orElseThrow(), new HashSet<>()).remove(e.who());
                case LEFT, REMOVED -> vouchers.remove(e.who()); // vouches from before an exit are spent
                default -> { }
            }
        }
        Map<String, Set<String>> standing = new HashMap<>();
        vouchers.forEach((whom, by) -> {
            if (t.members().containsKey(whom) && !by.isEmpty()) standing.put(whom, Set.copyOf(by));
        });
        return new CommunityView(t.founding(), t.members().keySet(), standing, t.links(), nextChange);
    }

    String id() {
        return founding.id().hex();
    }

    String name() {
        return founding.name();
    }

    Set<String> vouchersOf(String member) {
        return vouchers.getOrDefault(member, Set.of());
    }
}
