package mutual.engine.community;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mutual.protocol.geo.Geohash;

/**
 * Every community the node holds, as it stands now, indexed for the questions asked of it many
 * times a second (trust in matching) and by people (lists): who belongs where, who vouched for
 * whom, and which links hold on both sides. Immutable; {@link Communities} replaces it whole when a
 * community changes, so readers on any thread need no lock.
 */
final class CommunityIndex {
    static final CommunityIndex EMPTY = new CommunityIndex(Map.of());

    private final Map<String, CommunityView> views;
    /** person → the communities they are a member of. */
    private final Map<String, List<CommunityView>> memberOf = new HashMap<>();
    /** voucher → the members they vouched in, over all communities. */
    private final Map<String, Set<String>> vouchedFor = new HashMap<>();

    CommunityIndex(Map<String, CommunityView> views) {
        this.views = Map.copyOf(views);
        for (CommunityView v : this.views.values()) {
            for (String m : v.members()) memberOf.computeIfAbsent(m, k -> new ArrayList<>()).add(v);
            v.vouchers().forEach((whom, by) -> {
                for (String w : by) vouchedFor.computeIfAbsent(w, k -> new HashSet<>()).add(whom);
            });
        }
        memberOf.values().forEach(l -> l.sort(Comparator.comparing(CommunityView::id)));
    }

    Optional<CommunityView> get(String id) {
        return Optional.ofNullable(views.get(id));
    }

    Collection<CommunityView> all() {
        return views.values();
    }

    /** The communities {@code person} (hex) is a member of now, by id. */
    List<CommunityView> communitiesOf(String person) {
        return memberOf.getOrDefault(person, List.of());
    }

    /** The members {@code voucher} (hex) vouched in, in any community. */
    Set<String> vouchedBy(String voucher) {
        return vouchedFor.getOrDefault(voucher, Set.of());
    }

    /**
     * The communities linked with {@code community}: it consented to link with them, and they with
     * it (docs/protocol.md, "Proposals": a link holds while both sides have passed one), sorted by id.
     */
    List<CommunityView> linked(CommunityView community) {
        List<CommunityView> out = new ArrayList<>();
        for (String other : community.consentedLinks()) {
            CommunityView o = views.get(other);
            if (o != null && o.consentedLinks().contains(community.id())) out.add(o);
        }
        out.sort(Comparator.comparing(CommunityView::id));
        return out;
    }

    boolean linked(CommunityView a, CommunityView b) {
        return a.consentedLinks().contains(b.id()) && b.consentedLinks().contains(a.id());
    }

    /** Communities whose area lies within {@code km} of the cell {@code near} (edge to edge, roughly: centres within km plus both half-cells), nearest first. */
    List<CommunityView> near(Geohash near, double km) {
        List<CommunityView> out = new ArrayList<>();
        Map<CommunityView, Double> d = new HashMap<>();
        for (CommunityView v : views.values()) {
            if (v.founding().area().isEmpty()) continue;
            Geohash area = v.founding().area().get();
            double between = near.distanceKm(area);
            if (between <= km + halfDiagonal(near) + halfDiagonal(area)) {
                out.add(v);
                d.put(v, between);
            }
        }
        out.sort(Comparator.comparing((CommunityView v) -> d.get(v)).thenComparing(CommunityView::id));
        return out;
    }

    /** Communities whose name is {@code name}, ignoring case and spaces at the ends. */
    List<CommunityView> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return views.values().stream().filter(v -> v.name().strip().toLowerCase(Locale.ROOT).equals(n))
                .sorted(Comparator.comparing(CommunityView::id)).toList();
    }

    private static double halfDiagonal(Geohash g) {
        return Math.hypot(g.widthKm(), g.heightKm()) / 2;
    }
}
