package mutual.protocol.aid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mutual.protocol.event.Address;
import mutual.protocol.event.Event;
import mutual.protocol.event.Tag;
import mutual.protocol.geo.Geohash;

/** Reads listings out of events, strictly on our own tags and leniently on NIP-99's. */
final class ListingParser {
    private ListingParser() {}

    static Listing parse(Event e) {
        if (e.kind() != AidKinds.LISTING) throw fail("kind " + e.kind() + " is not a listing (" + AidKinds.LISTING + ")");
        String title = e.firstTagValue("title").map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> fail("a listing needs a non-empty title tag"));
        ListingType type = single(e, AidKinds.NS_TYPE, "type").map(v -> ListingType.fromLabel(v)
                .orElseThrow(() -> fail("type label '" + v + "' is neither offer nor need")))
                .orElseThrow(() -> fail("no [\"l\",\"offer\"|\"need\",\"" + AidKinds.NS_TYPE + "\"] label: not a Mutual listing"));
        List<Category> categories = new ArrayList<>();
        for (String v : labels(e, AidKinds.NS_CATEGORY)) Category.fromLabel(v).filter(c -> !categories.contains(c)).ifPresent(categories::add);
        if (categories.isEmpty()) throw fail("no known category label (food, housing, transport, health, childcare, tools, skills, money, company, other)");
        Urgency urgency = single(e, AidKinds.NS_URGENCY, "urgency").map(v -> Urgency.fromLabel(v)
                .orElseThrow(() -> fail("urgency '" + v + "' is not low, normal or urgent"))).orElse(Urgency.NORMAL);
        ListingStatus status = single(e, AidKinds.NS_STATUS, "status").map(v -> ListingStatus.fromLabel(v)
                .orElseThrow(() -> fail("status '" + v + "' is not open, matched, fulfilled or withdrawn")))
                .orElseGet(() -> e.firstTagValue("status").filter("sold"::equals).isPresent() ? ListingStatus.FULFILLED : ListingStatus.OPEN);
        List<String> languages = new ArrayList<>();
        for (String v : labels(e, AidKinds.NS_LANGUAGE)) {
            if (!v.matches("[a-z]{2}")) throw fail("language '" + v + "' is not a two-letter ISO 639-1 code");
            if (!languages.contains(v)) languages.add(v);
        }
        List<String> topics = new ArrayList<>();
        for (Tag t : e.tagsNamed("t")) t.value().filter(v -> !v.isBlank() && !v.equals(AidKinds.HASHTAG) && Category.fromLabel(v).isEmpty() && !topics.contains(v)).ifPresent(topics::add);
        return new Listing(Address.of(e), e.id(), e.createdAt(), type, categories, topics, title,
                e.firstTagValue("summary").filter(s -> !s.isBlank()), e.content(),
                e.firstTagValue("location").filter(s -> !s.isBlank()), geohash(e), radius(e), quantity(e),
                urgency, window(e), languages, status,
                e.firstTagValue("published_at").map(v -> number(v, "published_at")).orElse(e.createdAt()),
                expiration(e), e.tagsNamed("notify").stream().anyMatch(t -> t.value().filter("dm"::equals).isPresent()),
                e.tagsNamed("referral").stream().noneMatch(t -> t.value().filter("no"::equals).isPresent()));
    }

    /** The listing's cell: the longest {@code g} tag; the others must be its prefixes (NIP-52 style). */
    private static Geohash geohash(Event e) {
        List<Geohash> cells = new ArrayList<>();
        for (Tag t : e.tagsNamed("g")) {
            String v = t.value().orElse("");
            cells.add(Geohash.parse(v).filter(g -> g.value().equals(v))
                    .orElseThrow(() -> fail("g tag '" + v + "' is not a lowercase geohash")));
        }
        Geohash longest = cells.stream().reduce((a, b) -> b.length() > a.length() ? b : a)
                .orElseThrow(() -> fail("a listing needs a g tag (geohash) to be matched by place"));
        for (Geohash g : cells) {
            if (!longest.value().startsWith(g.value())) throw fail("g tags " + g + " and " + longest + " name different places");
        }
        return longest;
    }

    private static Optional<Double> radius(Event e) {
        return e.firstTagValue("radius_km").map(v -> {
            double r;
            try {
                r = Double.parseDouble(v);
            } catch (NumberFormatException x) {
                throw fail("radius_km '" + v + "' is not a number");
            }
            if (!(r > 0) || Double.isInfinite(r)) throw fail("radius_km must be a positive number of km, got " + v);
            return r;
        });
    }

    private static Optional<Quantity> quantity(Event e) {
        for (Tag t : e.tagsNamed("quantity")) {
            String amount = t.value().orElseThrow(() -> fail("quantity tag has no amount"));
            try {
                return Optional.of(Quantity.parse(amount, t.get(2)));
            } catch (IllegalArgumentException x) {
                throw fail(x.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Optional<TimeWindow> window(Event e) {
        for (Tag t : e.tagsNamed("window")) {
            if (t.size() < 3) throw fail("window tag needs a start and an end (unix seconds)");
            long start = number(t.values().get(1), "window start"), end = number(t.values().get(2), "window end");
            if (end < start) throw fail("window ends (" + end + ") before it starts (" + start + ")");
            return Optional.of(new TimeWindow(start, end));
        }
        return Optional.empty();
    }

    private static Optional<Long> expiration(Event e) {
        return e.firstTagValue("expiration").map(v -> number(v, "expiration"));
    }

    /** Values of {@code l} tags marked with the namespace. */
    private static List<String> labels(Event e, String namespace) {
        List<String> out = new ArrayList<>();
        for (Tag t : e.tagsNamed("l")) if (t.size() > 2 && t.values().get(2).equals(namespace)) out.add(t.values().get(1));
        return out;
    }

    private static Optional<String> single(Event e, String namespace, String what) {
        List<String> v = labels(e, namespace);
        if (v.size() > 1 && v.stream().distinct().count() > 1) throw fail("a listing has one " + what + ", got " + v);
        return v.stream().findFirst();
    }

    private static long number(String v, String what) {
        if (!v.matches("[0-9]{1,18}")) throw fail(what + " '" + v + "' is not a unix time in seconds");
        return Long.parseLong(v);
    }

    private static AidException fail(String message) {
        return new AidException("listing: " + message);
    }
}
