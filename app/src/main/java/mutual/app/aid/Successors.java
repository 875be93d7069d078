package mutual.app.aid;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mutual.engine.client.RelayClient;
import mutual.protocol.community.CommunityKinds;
import mutual.protocol.community.CommunityParser;
import mutual.protocol.community.MemberAct;
import mutual.protocol.community.Succession;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.filter.Filter;

/**
 * What the communities a key belonged to say of its successor (docs/protocol.md, "A lost or stolen
 * key"): the join and vouch acts naming it in {@code successor-of}, in the communities where the old
 * key itself acted, each voucher checked against the node's tally at the moment they vouched.
 */
final class Successors {
    /** Vouches of the same new key in one community: only those by members at the time count. */
    record Vouched(EventId community, String name, PubKey newKey, List<PubKey> members, int others, boolean joinedSaying, boolean memberNow) {}

    private Successors() {}

    /** Empty when the node does not answer or holds nothing of the kind. */
    static List<Vouched> of(NodeLink link, PubKey old) {
        List<Succession.Claim> claims;
        try (RelayClient c = RelayClient.connect(URI.create(link.relayUrl()), Duration.ofSeconds(10))) {
            Set<String> communities = new LinkedHashSet<>();
            for (Event e : c.query("old-acts", List.of(Filter.builder().kinds(CommunityKinds.MEMBER).authors(old).limit(500).build())).get(30, TimeUnit.SECONDS)) {
                try {
                    if (CommunityParser.parse(e) instanceof MemberAct a) communities.add(a.community().hex());
                } catch (RuntimeException x) {
                    // an act the node took but that is not valid counts for nothing here either
                }
            }
            if (communities.isEmpty()) return List.of();
            claims = Succession.about(old, c.query("successor-claims", List.of(Filter.builder().kinds(CommunityKinds.MEMBER)
                    .tag('e', communities).limit(5000).build())).get(30, TimeUnit.SECONDS));
        } catch (Exception x) {
            return List.of();
        }
        Map<String, List<Succession.Claim>> byPair = new LinkedHashMap<>();
        claims = claims.stream().sorted(java.util.Comparator.comparingLong(Succession.Claim::at)).toList(); // in the order they were said
        for (Succession.Claim cl : claims) byPair.computeIfAbsent(cl.community().hex() + cl.newKey().hex(), k -> new ArrayList<>()).add(cl);
        List<Vouched> out = new ArrayList<>();
        for (List<Succession.Claim> group : byPair.values()) {
            Succession.Claim first = group.get(0);
            List<PubKey> members = new ArrayList<>();
            int others = 0;
            boolean joined = false;
            for (Succession.Claim cl : group) {
                if (cl.join()) {
                    joined = true;
                } else if (isMember(link, cl.community(), cl.by(), cl.at()) && !members.contains(cl.by())) {
                    members.add(cl.by());
                } else {
                    others++;
                }
            }
            Map<String, Object> now = tally(link, first.community(), -1);
            boolean memberNow = Tree.list(now.get("members")).stream().anyMatch(m -> first.newKey().hex().equals(Tree.str(Tree.map(m), "pubkey")));
            out.add(new Vouched(first.community(), Tree.str(now, "name"), first.newKey(), members, others, joined, memberNow));
        }
        return out;
    }

    private static boolean isMember(NodeLink link, EventId community, PubKey who, long at) {
        return Tree.list(tally(link, community, at).get("members")).stream().anyMatch(m -> who.hex().equals(Tree.str(Tree.map(m), "pubkey")));
    }

    private static Map<String, Object> tally(NodeLink link, EventId community, long at) {
        try {
            return Tree.map(Tree.parse(link.get("/api/communities/" + community.hex(), at < 0 ? Map.of() : Map.of("at", Long.toString(at)))));
        } catch (RuntimeException x) {
            return Map.of();
        }
    }
}
