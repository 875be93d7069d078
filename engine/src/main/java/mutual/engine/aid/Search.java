package mutual.engine.aid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.AidKinds;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.filter.Filter;
import mutual.protocol.filter.FilterBuilder;
import mutual.store.EventStore;
import mutual.store.Viewer;

/** Answers {@link ListingQuery}s: current listings from the index, past ones (fulfilled, withdrawn) from the store. */
final class Search {
    private final ListingIndex index;
    private final EventStore store;

    Search(ListingIndex index, EventStore store) {
        this.index = index;
        this.store = store;
    }

    List<Listing> run(ListingQuery q, long now) {
        Collection<Listing> pool = q.status().map(s -> s.isCurrent()).orElse(true) ? fromIndex(q) : fromStore(q);
        List<String> words = q.text().map(t -> List.of(t.toLowerCase(Locale.ROOT).split("\\s+"))).orElse(List.of())
                .stream().filter(w -> !w.isEmpty()).toList();
        List<Listing> out = new ArrayList<>();
        for (Listing l : pool) {
            if (l.isExpired(now)) continue;
            if (q.type().isPresent() && l.type() != q.type().get()) continue;
            if (q.category().isPresent() && !l.categories().contains(q.category().get())) continue;
            if (q.status().isPresent() && l.status() != q.status().get()) continue;
            if (q.near().isPresent() && l.geohash().distanceKm(q.near().get()) > q.effectiveRadiusKm()) continue;
            if (!words.isEmpty() && !matchesWords(l, words)) continue;
            out.add(l);
        }
        Comparator<Listing> order = q.near().isPresent()
                ? Comparator.comparingDouble((Listing l) -> l.geohash().distanceKm(q.near().get()))
                : Comparator.comparingLong((Listing l) -> -l.createdAt());
        out.sort(order.thenComparing(l -> l.address().toString()));
        return out.size() > q.limit() ? List.copyOf(out.subList(0, q.limit())) : out;
    }

    private Collection<Listing> fromIndex(ListingQuery q) {
        if (q.near().isEmpty()) return index.all();
        Map<Address, Listing> out = new LinkedHashMap<>();
        List<ListingType> types = q.type().map(List::of).orElse(List.of(ListingType.values()));
        List<Category> cats = q.category().map(List::of).orElse(List.of(Category.values()));
        for (ListingType t : types) for (Category c : cats) {
            for (ListingIndex.Spot sp : index.near(t, c, q.near().get().centre(), q.effectiveRadiusKm())) out.put(sp.listing().address(), sp.listing());
        }
        return out.values();
    }

    private Collection<Listing> fromStore(ListingQuery q) {
        FilterBuilder f = Filter.builder().kinds(AidKinds.LISTING);
        q.near().ifPresent(g -> f.tag('g', Cells.covering(g.centre(), q.effectiveRadiusKm())));
        q.status().ifPresent(s -> f.tag('l', s.label()));
        List<Listing> out = new ArrayList<>();
        for (Event e : store.query(List.of(f.build()), Viewer.node(), 5000)) {
            try {
                out.add(Listing.parse(e));
            } catch (AidException ignored) {
                // a classified listing of another kind of app
            }
        }
        return out;
    }

    private static boolean matchesWords(Listing l, List<String> words) {
        String hay = (l.title() + " " + l.summary().orElse("") + " " + l.content() + " " + String.join(" ", l.topics())).toLowerCase(Locale.ROOT);
        for (String w : words) if (!hay.contains(w)) return false;
        return true;
    }
}
