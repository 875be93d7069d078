package mutual.protocol.aid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.Tag;
import mutual.protocol.geo.Geohash;

/**
 * Writes a listing as docs/protocol.md describes: NIP-99 tags for ordinary clients, NIP-32
 * labels for type, categories, urgency, status and languages, and the geohash with all its
 * prefixes so that relays can select listings by area with a {@code #g} filter.
 */
public final class ListingBuilder {
    private final ListingType type;
    private final String d;
    private String title;
    private final List<Category> categories = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();
    private Optional<String> summary = Optional.empty();
    private String content = "";
    private Optional<String> location = Optional.empty();
    private Optional<Geohash> geohash = Optional.empty();
    private Optional<Double> radiusKm = Optional.empty();
    private Optional<Quantity> quantity = Optional.empty();
    private Urgency urgency = Urgency.NORMAL;
    private Optional<TimeWindow> window = Optional.empty();
    private final List<String> languages = new ArrayList<>();
    private ListingStatus status = ListingStatus.OPEN;
    private Optional<Long> publishedAt = Optional.empty();
    private Optional<Long> expiration = Optional.empty();
    private boolean notify;
    private boolean referable = true;

    private ListingBuilder(ListingType type, String d, String title) {
        if (title.isBlank()) throw new AidException("a listing needs a title");
        this.type = type;
        this.d = d;
        this.title = title;
    }

    /** A new listing; {@code d} names it among its author's listings (a random word is fine). */
    public static ListingBuilder create(ListingType type, String d, String title) {
        return new ListingBuilder(type, d, title);
    }

    static ListingBuilder from(Listing l) {
        ListingBuilder b = new ListingBuilder(l.type(), l.address().d(), l.title());
        b.categories.addAll(l.categories());
        b.topics.addAll(l.topics());
        b.summary = l.summary();
        b.content = l.content();
        b.location = l.location();
        b.geohash = Optional.of(l.geohash());
        b.radiusKm = l.radiusKm();
        b.quantity = l.quantity();
        b.urgency = l.urgency();
        b.window = l.window();
        b.languages.addAll(l.languages());
        b.status = l.status();
        b.publishedAt = Optional.of(l.publishedAt());
        b.expiration = l.expiration();
        b.notify = l.wantsNotifications();
        b.referable = l.referable();
        return b;
    }

    public ListingBuilder title(String v) { if (v.isBlank()) throw new AidException("a listing needs a title"); title = v; return this; }
    public ListingBuilder category(Category v) { if (!categories.contains(v)) categories.add(v); return this; }
    public ListingBuilder topic(String v) { if (!v.isBlank() && !topics.contains(v)) topics.add(v.toLowerCase(Locale.ROOT)); return this; }
    public ListingBuilder summary(String v) { summary = Optional.of(v); return this; }
    public ListingBuilder content(String v) { content = v; return this; }
    public ListingBuilder location(String v) { location = Optional.of(v); return this; }
    public ListingBuilder geohash(Geohash v) { geohash = Optional.of(v); return this; }
    public ListingBuilder radiusKm(double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new AidException("radius must be a positive number of km, got " + v);
        radiusKm = Optional.of(v);
        return this;
    }
    public ListingBuilder quantity(Quantity v) { quantity = Optional.of(v); return this; }
    public ListingBuilder urgency(Urgency v) { urgency = v; return this; }
    public ListingBuilder window(TimeWindow v) { window = Optional.of(v); return this; }
    public ListingBuilder language(String v) {
        if (!v.matches("[a-z]{2}")) throw new AidException("language '" + v + "' is not a two-letter ISO 639-1 code");
        if (!languages.contains(v)) languages.add(v);
        return this;
    }
    public ListingBuilder status(ListingStatus v) { status = v; return this; }
    public ListingBuilder publishedAt(long v) { publishedAt = Optional.of(v); return this; }
    public ListingBuilder expiration(long v) { expiration = Optional.of(v); return this; }
    public ListingBuilder notify(boolean v) { notify = v; return this; }
    /** False: an urgent need is never referred to linked communities (docs/protocol.md, "Referral"). */
    public ListingBuilder referable(boolean v) { referable = v; return this; }

    /** The tags, in the order docs/protocol.md shows them. */
    public List<Tag> tags(long createdAt) {
        if (categories.isEmpty()) throw new AidException("a listing needs at least one category");
        Geohash g = geohash.orElseThrow(() -> new AidException("a listing needs a place (a geohash)"));
        List<Tag> t = new ArrayList<>();
        t.add(Tag.of("d", d));
        t.add(Tag.of("title", title));
        summary.ifPresent(s -> t.add(Tag.of("summary", s)));
        t.add(Tag.of("published_at", Long.toString(publishedAt.orElse(createdAt))));
        location.ifPresent(s -> t.add(Tag.of("location", s)));
        t.add(Tag.of("status", status.nip99()));
        t.add(Tag.of("t", AidKinds.HASHTAG));
        for (Category c : categories) t.add(Tag.of("t", c.label()));
        for (String s : topics) if (Category.fromLabel(s).isEmpty()) t.add(Tag.of("t", s));
        label(t, AidKinds.NS_TYPE, List.of(type.label()));
        label(t, AidKinds.NS_CATEGORY, categories.stream().map(Category::label).toList());
        label(t, AidKinds.NS_URGENCY, List.of(urgency.label()));
        label(t, AidKinds.NS_STATUS, List.of(status.label()));
        if (!languages.isEmpty()) label(t, AidKinds.NS_LANGUAGE, languages);
        for (int n = g.length(); n >= 1; n--) t.add(Tag.of("g", g.value().substring(0, n)));
        radiusKm.ifPresent(r -> t.add(Tag.of("radius_km", number(r))));
        quantity.ifPresent(q -> t.add(q.unit().isPresent() ? Tag.of("quantity", q.amount().toPlainString(), q.unit().get())
                : Tag.of("quantity", q.amount().toPlainString())));
        window.ifPresent(w -> t.add(Tag.of("window", Long.toString(w.start()), Long.toString(w.end()))));
        expiration.ifPresent(x -> t.add(Tag.of("expiration", Long.toString(x))));
        if (notify) t.add(Tag.of("notify", "dm"));
        if (!referable) t.add(Tag.of("referral", "no"));
        return t;
    }

    public Event sign(SecretKey key, long createdAt) {
        return EventBuilder.create(AidKinds.LISTING, createdAt).tags(tags(createdAt)).content(content).sign(key);
    }

    private static void label(List<Tag> t, String namespace, List<String> values) {
        t.add(Tag.of("L", namespace));
        for (String v : values) t.add(Tag.of("l", v, namespace));
    }

    private static String number(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
