package mutual.engine.aid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingType;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Address;
import mutual.protocol.event.EventId;
import mutual.protocol.geo.LatLon;

/**
 * The current listings (status open or matched, not expired), by address and, for the matcher,
 * by type, category and geohash: one sorted map per (type, category) whose keys start with the
 * listing's geohash, so the listings in a cell are one range read. One thread writes (the aid
 * thread); any thread reads.
 *
 * <p>It lives in the heap, about a kilobyte per listing, so it holds at most {@code capacity}
 * listings: when full, a newer listing takes the place of the oldest (by {@code created_at}), and
 * one older than all of them is left out. The relay still stores and serves every listing; only
 * matching and the API's current-listing searches stop seeing those left out.
 */
final class ListingIndex {
    /** Sorts by cell, then by a per-listing sequence number that makes keys unique. */
    private record Key(String cell, long seq) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::cell).thenComparingLong(Key::seq);

    private record Entry(Listing listing, long seq) {}

    /** A listing with what the matcher reads of it on every candidate, worked out once. */
    record Spot(Listing listing, LatLon centre, double reachKm) {}

    private record Expiry(long at, long seq, Address address) {}

    /** Orders listings by age, for making room when the index is full. */
    private record Age(long createdAt, long seq, Address address) {}

    /** Heap per listing with its index entries, measured at 815 bytes; rounded up. */
    static final long BYTES_PER_LISTING = 1024;

    private final Map<Address, Entry> byAddress = new ConcurrentHashMap<>();
    private final Map<EventId, Address> byId = new ConcurrentHashMap<>();
    private final List<ConcurrentSkipListMap<Key, Spot>> cells = new ArrayList<>();
    private final ConcurrentSkipListSet<Expiry> expiries = new ConcurrentSkipListSet<>(
            Comparator.comparingLong(Expiry::at).thenComparingLong(Expiry::seq));
    private final ConcurrentSkipListSet<Age> ages = new ConcurrentSkipListSet<>(
            Comparator.comparingLong(Age::createdAt).thenComparingLong(Age::seq));
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong leftOut = new AtomicLong();
    private final int capacity;

    /** An index with no practical bound (tests, benchmarks). */
    ListingIndex() {
        this(Integer.MAX_VALUE);
    }

    ListingIndex(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("the listing index needs room for at least one listing");
        this.capacity = capacity;
        for (int i = 0; i < ListingType.values().length * Category.values().length; i++) cells.add(new ConcurrentSkipListMap<>(ORDER));
    }

    /**
     * Takes a listing version: a newer version replaces an older one (newest {@code created_at}, then
     * lowest id, as NIP-01 says); a version that is no longer current removes it. Returns whether
     * this version is now the indexed one.
     */
    boolean put(Listing l, long now) {
        Entry old = byAddress.get(l.address());
        if (old != null && !isNewer(l, old.listing())) return false;
        if (old != null) remove(l.address());
        if (!l.status().isCurrent() || l.isExpired(now)) return false;
        if (old == null && !makeRoomFor(l)) return false;
        long s = seq.incrementAndGet();
        byAddress.put(l.address(), new Entry(l, s));
        ages.add(new Age(l.createdAt(), s, l.address()));
        byId.put(l.id(), l.address());
        Spot spot = new Spot(l, l.geohash().centre(), l.reachKm());
        for (Category c : l.categories()) map(l.type(), c).put(new Key(l.geohash().value(), s), spot);
        l.expiration().ifPresent(x -> expiries.add(new Expiry(x, s, l.address())));
        return true;
    }

    Optional<Listing> remove(Address a) {
        Entry e = byAddress.remove(a);
        if (e == null) return Optional.empty();
        Listing l = e.listing();
        byId.remove(l.id());
        ages.remove(new Age(l.createdAt(), e.seq(), a));
        for (Category c : l.categories()) map(l.type(), c).remove(new Key(l.geohash().value(), e.seq()));
        l.expiration().ifPresent(x -> expiries.remove(new Expiry(x, e.seq(), a)));
        return Optional.of(l);
    }

    /**
     * When the index is full, drops its oldest listing if {@code l} is newer, and says whether
     * {@code l} may go in. Counts every listing left out either way.
     */
    private boolean makeRoomFor(Listing l) {
        if (byAddress.size() < capacity) return true;
        leftOut.incrementAndGet();
        Age oldest = ages.first();
        if (l.createdAt() <= oldest.createdAt()) return false;
        remove(oldest.address());
        return true;
    }

    /** How many current listings were left out, or dropped for newer ones, because the index was full. */
    long leftOut() {
        return leftOut.get();
    }

    int capacity() {
        return capacity;
    }

    Optional<Listing> getById(EventId id) {
        Address a = byId.get(id);
        return a == null ? Optional.empty() : get(a);
    }

    /** Removes every listing of the author (NIP-62 vanish) up to the given time; returns how many. */
    int removeAuthor(PubKey author, long until) {
        List<Address> gone = byAddress.values().stream().map(Entry::listing)
                .filter(l -> l.author().equals(author) && l.createdAt() <= until).map(Listing::address).toList();
        gone.forEach(this::remove);
        return gone.size();
    }

    /** Drops listings whose NIP-40 expiry is at or before {@code now}; returns them. */
    List<Listing> removeExpired(long now) {
        List<Listing> out = new ArrayList<>();
        for (Expiry x = first(); x != null && x.at() <= now; x = first()) {
            Entry e = byAddress.get(x.address());
            if (e != null && e.seq() == x.seq()) remove(x.address()).ifPresent(out::add);
            else expiries.remove(x);
        }
        return out;
    }

    private Expiry first() {
        return expiries.isEmpty() ? null : expiries.first();
    }

    Optional<Listing> get(Address a) {
        return Optional.ofNullable(byAddress.get(a)).map(Entry::listing);
    }

    Collection<Listing> all() {
        return byAddress.values().stream().map(Entry::listing).toList();
    }

    int size() {
        return byAddress.size();
    }

    /**
     * Listings of the type and category whose cell centre may lie within {@code radiusKm} of
     * {@code centre}: those in the covering cells, and those whose (shorter) cell contains one.
     * A superset of the listings within the radius, each once; callers check the distance.
     */
    Collection<Spot> near(ListingType type, Category category, LatLon centre, double radiusKm) {
        ConcurrentSkipListMap<Key, Spot> m = map(type, category);
        List<Spot> out = new ArrayList<>();
        Set<String> shorter = new HashSet<>();
        for (String cell : Cells.covering(centre, radiusKm)) {
            out.addAll(m.subMap(new Key(cell, Long.MIN_VALUE), new Key(cell + "~", Long.MIN_VALUE)).values());
            for (int n = 1; n < cell.length(); n++) shorter.add(cell.substring(0, n));
        }
        for (String cell : shorter) {
            out.addAll(m.subMap(new Key(cell, Long.MIN_VALUE), true, new Key(cell, Long.MAX_VALUE), true).values());
        }
        return out;
    }

    private ConcurrentSkipListMap<Key, Spot> map(ListingType t, Category c) {
        return cells.get(t.ordinal() * Category.values().length + c.ordinal());
    }

    private static boolean isNewer(Listing l, Listing than) {
        if (l.createdAt() != than.createdAt()) return l.createdAt() > than.createdAt();
        return l.id().hex().compareTo(than.id().hex()) < 0;
    }
}
